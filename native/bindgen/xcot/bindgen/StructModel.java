package xcot.bindgen;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated struct class: its accessors (members of anonymous struct/union members are flattened into it, as
 * C lets code name them directly), its nested classes (anonymous struct types of named fields, function-pointer
 * fields), and for the ABI probe the C expressions that reach each field from the top-level struct.
 *
 * @param binaryName     the class's binary name below the package, e.g. {@code ggml_opt_optimizer_params$adamw}
 * @param layoutName     the name its GroupLayout carries
 * @param topCType       the C type of the top-level struct, e.g. {@code struct ggml_opt_optimizer_params}
 * @param baseDesignator C member designator of this class's struct inside the top-level one; empty at top level
 */
record StructModel(
        String javaName,
        String binaryName,
        Ast.Record record,
        JType.Group self,
        String layoutName,
        String topCType,
        String baseDesignator,
        List<Accessor> accessors,
        List<StructModel> nestedStructs,
        List<NestedCallback> nestedCallbacks) {

    /**
     * A field accessor. {@code path} are the layout element names from this class's layout to the field,
     * {@code designator} the C member designator from the top-level struct.
     */
    record Accessor(String javaName, List<String> path, String designator, JType type, String cDeclaration) {}

    /** A field whose type is an anonymous function pointer, emitted as a nested callback class. */
    record NestedCallback(String javaName, CType.Function type, String cDeclaration) {}

    StructModel {
        accessors = List.copyOf(accessors);
        nestedStructs = List.copyOf(nestedStructs);
        nestedCallbacks = List.copyOf(nestedCallbacks);
    }

    /** The model of top-level struct {@code r}. */
    static StructModel of(JavaTypes javaTypes, Ast.Record r) {
        JType.Group self = new JType.Group(r.name(), r, javaTypes.layout(r, r.cName()));
        return build(javaTypes, r, self, r.name(), r.name(), r.name(), r.cName(), "");
    }

    private static StructModel build(JavaTypes javaTypes, Ast.Record r, JType.Group self, String javaName,
                                     String binaryName, String layoutName, String topCType, String base) {
        List<Accessor> accessors = new ArrayList<>();
        List<StructModel> nested = new ArrayList<>();
        List<NestedCallback> callbacks = new ArrayList<>();
        collect(javaTypes, r, List.of(), base, binaryName, topCType, accessors, nested, callbacks);
        for (StructModel n : nested) {
            if (n.javaName().equals(javaName)) {
                throw new BindgenException(r.pos() + ": nested class " + n.javaName() + " would clash with its enclosing class");
            }
        }
        return new StructModel(javaName, binaryName, r, self, layoutName, topCType, base, accessors, nested, callbacks);
    }

    private static void collect(JavaTypes javaTypes, Ast.Record r, List<String> path, String base, String binaryName,
                                String topCType, List<Accessor> accessors, List<StructModel> nested,
                                List<NestedCallback> callbacks) {
        Types types = javaTypes.types();
        for (Ast.Field field : r.fields()) {
            CType resolved = types.resolve(field.type());
            if (field.anonymous()) {
                Ast.Record member = types.record((CType.Tagged) resolved);
                List<String> memberPath = append(path, anonymousName(member));
                collect(javaTypes, member, memberPath, base, binaryName, topCType, accessors, nested, callbacks);
                continue;
            }
            String javaName = Names.java(field.name());
            String designator = base.isEmpty() ? field.name() : base + "." + field.name();
            String cDeclaration = CPrinter.declaration(field.type(), field.name());
            String context = r.pos() + ": field " + field.name();
            JType type;
            if (resolved instanceof CType.Tagged t && t.anonymous()) {
                Ast.Record member = types.record(t);
                JType.Group group = javaTypes.nested(member, javaName, context);
                nested.add(build(javaTypes, member, group, javaName, binaryName + "$" + javaName,
                        anonymousName(member), topCType, designator));
                type = group;
            } else {
                type = javaTypes.of(field.type(), context);
                if (!(Types.unqualified(field.type()) instanceof CType.Typedef) && types.functionPointer(field.type()) != null) {
                    callbacks.add(new NestedCallback(javaName, types.functionPointer(field.type()), cDeclaration));
                }
            }
            accessors.add(new Accessor(javaName, append(path, field.name()), designator, type, cDeclaration));
        }
    }

    /** jextract's name for an anonymous struct or union: {@code $anon$line:col}. */
    static String anonymousName(Ast.Record r) {
        return "$anon$" + r.pos().line() + ":" + r.pos().col();
    }

    private static List<String> append(List<String> list, String element) {
        List<String> copy = new ArrayList<>(list);
        copy.add(element);
        return copy;
    }
}
