package xcot.bindgen;

import java.util.HashMap;
import java.util.Map;

/** Looks up the declarations behind type names and strips typedefs. */
final class Types {
    private final Map<String, Ast.Typedef> typedefs = new HashMap<>();
    private final Map<String, Ast.Record> records = new HashMap<>();
    private final Map<String, Ast.Record> anonymousRecords;
    private final Map<String, Ast.Enum> enums = new HashMap<>();

    Types(Ast ast) {
        ast.typedefs().forEach(t -> typedefs.put(t.name(), t));
        ast.records().forEach(r -> records.put(r.name(), r));
        anonymousRecords = ast.anonymousRecords();
        ast.enums().stream().filter(e -> e.name() != null).forEach(e -> enums.put(e.name(), e));
    }

    Ast.Typedef typedef(String name) {
        Ast.Typedef t = typedefs.get(name);
        if (t == null) {
            throw new BindgenException("unknown typedef " + name);
        }
        return t;
    }

    /** The struct or union a tagged type names; null for a struct that is only declared, never defined. */
    Ast.Record record(CType.Tagged tagged) {
        if (tagged.anonymous()) {
            Ast.Record r = anonymousRecords.get(tagged.anonymousKey());
            if (r == null) {
                throw new BindgenException("no anonymous record at " + tagged.anonymousKey());
            }
            return r;
        }
        Ast.Record r = records.get(tagged.name());
        return r == null || !r.complete() ? null : r;
    }

    Ast.Enum enumDecl(String name) {
        return enums.get(name);
    }

    /** {@code type} with typedefs replaced by what they name and const dropped, at the top level only. */
    CType resolve(CType type) {
        CType t = unqualified(type);
        while (t instanceof CType.Typedef(String name)) {
            t = unqualified(typedef(name).target());
        }
        return t;
    }

    /** {@code type} without const. */
    static CType unqualified(CType type) {
        CType t = type;
        while (t instanceof CType.Const(CType inner)) {
            t = inner;
        }
        return t;
    }

    /** A pointer to a function (possibly through typedefs), i.e. a callback. */
    CType.Function functionPointer(CType type) {
        if (resolve(type) instanceof CType.Pointer(CType pointee) && resolve(pointee) instanceof CType.Function fn) {
            return fn;
        }
        return null;
    }
}
