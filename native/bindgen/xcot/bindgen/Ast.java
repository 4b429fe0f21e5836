package xcot.bindgen;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The declarations of one translation unit that the generator cares about, in declaration order. */
record Ast(
        List<Function> functions,
        List<Record> records,
        Map<String, Record> anonymousRecords,
        List<Enum> enums,
        List<Typedef> typedefs) {

    Ast {
        functions = List.copyOf(functions);
        records = List.copyOf(records);
        anonymousRecords = Map.copyOf(anonymousRecords);
        enums = List.copyOf(enums);
        typedefs = List.copyOf(typedefs);
    }

    /** Where a declaration is: the file as clang printed it, and its line and column. */
    record Pos(String file, long line, long col) {
        Pos {
            Objects.requireNonNull(file);
        }

        /** The key clang uses for anonymous types: {@code file:line:col}. */
        String key() {
            return file + ":" + line + ":" + col;
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    record Function(String name, CType.Function type, List<String> parameterNames, Pos pos) {
        Function {
            parameterNames = List.copyOf(parameterNames);
        }
    }

    /** A field; an anonymous struct/union member has no name. */
    record Field(String name, CType type, boolean bitfield) {
        boolean anonymous() {
            return name == null;
        }
    }

    /** A struct or union; anonymous ones have no name and are found by {@link Pos#key()}. */
    record Record(CType.Tag tag, String name, Pos pos, boolean complete, List<Field> fields) {
        Record {
            fields = List.copyOf(fields);
        }

        boolean anonymous() {
            return name == null;
        }

        String cName() {
            return (tag == CType.Tag.UNION ? "union " : "struct ") + (name == null ? "<anonymous>" : name);
        }
    }

    record EnumConstant(String name) {}

    /** An enum; anonymous enums (C's way of declaring constants) have no name. */
    record Enum(String name, Pos pos, List<EnumConstant> constants) {
        Enum {
            constants = List.copyOf(constants);
        }
    }

    record Typedef(String name, CType target, Pos pos) {}
}
