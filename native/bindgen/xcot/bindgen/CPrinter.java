package xcot.bindgen;

import java.util.List;
import java.util.stream.Collectors;

/** Prints C declarations back from {@link CType}s, for the snippets in generated Javadoc and the ABI probe. */
final class CPrinter {
    private CPrinter() {}

    /** {@code type name}, with the declarator inside out as C wants it ({@code void (*cb)(int)}). */
    static String declaration(CType type, String name) {
        return switch (type) {
            case CType.Pointer(CType pointee) when pointee instanceof CType.Function || pointee instanceof CType.Array ->
                    declaration(pointee, "(*" + name + ")");
            case CType.Pointer(CType pointee) -> declaration(pointee, "*" + name);
            case CType.Array(CType element, long length) -> declaration(element, name + "[" + length + "]");
            case CType.Function(CType result, List<CType> parameters, boolean variadic) ->
                    declaration(result, name + "(" + parameters(parameters, variadic) + ")");
            default -> (base(type) + " " + name).strip();
        };
    }

    /** A function declaration with parameter names. */
    static String function(String name, CType.Function type, List<String> parameterNames) {
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < type.parameters().size(); i++) {
            if (i > 0) {
                params.append(", ");
            }
            params.append(declaration(type.parameters().get(i), parameterNames.get(i)));
        }
        if (type.variadic()) {
            params.append(params.isEmpty() ? "..." : ", ...");
        }
        return declaration(type.result(), name + "(" + params + ")");
    }

    static String type(CType type) {
        return declaration(type, "");
    }

    private static String parameters(List<CType> parameters, boolean variadic) {
        String list = parameters.stream().map(CPrinter::type).collect(Collectors.joining(", "));
        if (variadic) {
            list = list.isEmpty() ? "..." : list + ", ...";
        }
        return list.isEmpty() ? "void" : list;
    }

    private static String base(CType type) {
        return switch (type) {
            case CType.Builtin(CType.Kind kind) -> switch (kind) {
                case BOOL -> "bool";
                case SCHAR -> "signed char";
                case UCHAR -> "unsigned char";
                case USHORT -> "unsigned short";
                case UINT -> "unsigned int";
                case ULONG -> "unsigned long";
                case LONGLONG -> "long long";
                case ULONGLONG -> "unsigned long long";
                case LONGDOUBLE -> "long double";
                case INT128 -> "__int128";
                case UINT128 -> "unsigned __int128";
                default -> kind.name().toLowerCase();
            };
            case CType.Typedef(String name) -> name;
            case CType.Const(CType inner) -> "const " + base(inner);
            case CType.Tagged t -> t.tag().name().toLowerCase() + " " + (t.anonymous() ? "{...}" : t.name());
            default -> throw new IllegalStateException("not a base type: " + type);
        };
    }
}
