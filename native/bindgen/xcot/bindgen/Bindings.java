package xcot.bindgen;

import java.util.List;
import java.util.Set;

/**
 * What the generator emits: the declarations selected by the {@link Config} plus everything they reference,
 * each list in declaration order.
 */
record Bindings(
        List<Ast.Function> functions,
        List<Ast.Record> structs,
        List<Ast.Enum> enums,
        List<Ast.Typedef> typedefs,
        List<Macro> macros,
        Set<String> critical) {

    Bindings {
        functions = List.copyOf(functions);
        structs = List.copyOf(structs);
        enums = List.copyOf(enums);
        typedefs = List.copyOf(typedefs);
        macros = List.copyOf(macros);
        critical = Set.copyOf(critical);
    }
}
