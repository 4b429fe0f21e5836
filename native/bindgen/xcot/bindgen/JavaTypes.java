package xcot.bindgen;

import java.util.Map;

/** Maps C types to their Java shape the way jextract does on x86-64 Linux (LP64: long is 64 bits). */
final class JavaTypes {
    private final Types types;
    private final Map<String, Long> enumSizes;
    private final Map<String, RecordLayout> layouts;

    JavaTypes(Types types, Map<String, Long> enumSizes, Map<String, RecordLayout> layouts) {
        this.types = types;
        this.enumSizes = enumSizes;
        this.layouts = layouts;
    }

    Types types() {
        return types;
    }

    /** The Java shape of {@code type}; {@code context} names the declaration in error messages. */
    JType of(CType type, String context) {
        return switch (type) {
            case CType.Builtin(CType.Kind kind) -> builtin(kind, context);
            case CType.Pointer p -> JType.Value.POINTER;
            case CType.Array(CType element, long length) -> new JType.Sequence(of(element, context), length);
            case CType.Typedef t -> of(types.resolve(t), context);
            case CType.Const(CType inner) -> of(inner, context);
            case CType.Function f -> throw new BindgenException(context + ": a function cannot be passed by value");
            case CType.Tagged tagged when tagged.tag() == CType.Tag.ENUM -> enumType(tagged.name(), context);
            case CType.Tagged tagged -> {
                if (tagged.anonymous()) {
                    throw new BindgenException(context + ": anonymous struct or union outside its enclosing struct");
                }
                Ast.Record r = types.record(tagged);
                if (r == null) {
                    throw new BindgenException(context + ": struct " + tagged.name() + " is incomplete");
                }
                yield new JType.Group(r.name(), r, layout(r, context));
            }
        };
    }

    /** An anonymous struct or union, emitted as the nested class {@code className} of its enclosing struct. */
    JType.Group nested(Ast.Record r, String className, String context) {
        return new JType.Group(className, r, layout(r, context));
    }

    /** The clang layout of a bound struct or union. */
    RecordLayout layout(Ast.Record r, String context) {
        RecordLayout layout = layouts.get(r.anonymous() ? r.pos().key() : r.name());
        if (layout == null) {
            throw new BindgenException(context + ": clang reported no layout for " + r.cName() + " (" + r.pos() + ")");
        }
        if (layout.fieldOffsetsBytes().size() != r.fields().size()) {
            throw new BindgenException(r.pos() + ": " + r.cName() + " has " + r.fields().size() + " fields but clang laid out "
                    + layout.fieldOffsetsBytes().size());
        }
        return layout;
    }

    /** The Java carrier of a return type: "void", a primitive or MemorySegment. */
    String returnCarrier(CType type, String context) {
        if (types.resolve(type) instanceof CType.Builtin(CType.Kind kind) && kind == CType.Kind.VOID) {
            return "void";
        }
        return carrier(of(type, context));
    }

    static String carrier(JType type) {
        return type instanceof JType.Value v ? v.carrier() : "MemorySegment";
    }

    private JType enumType(String name, String context) {
        Long size = enumSizes.get(name);
        if (size == null) {
            throw new BindgenException(context + ": size of enum " + name + " unknown (enum not bound)");
        }
        return switch (size.intValue()) {
            case 4 -> new JType.Value("C_INT", "OfInt", "int", 4);
            case 8 -> new JType.Value("C_LONG", "OfLong", "long", 8);
            default -> throw new BindgenException(context + ": enum " + name + " has unsupported size " + size);
        };
    }

    private static JType builtin(CType.Kind kind, String context) {
        return switch (kind) {
            case BOOL -> new JType.Value("C_BOOL", "OfBoolean", "boolean", 1);
            case CHAR, SCHAR, UCHAR -> new JType.Value("C_CHAR", "OfByte", "byte", 1);
            case SHORT, USHORT -> new JType.Value("C_SHORT", "OfShort", "short", 2);
            case INT, UINT -> new JType.Value("C_INT", "OfInt", "int", 4);
            case LONG, ULONG -> new JType.Value("C_LONG", "OfLong", "long", 8);
            case LONGLONG, ULONGLONG -> new JType.Value("C_LONG_LONG", "OfLong", "long", 8);
            case FLOAT -> new JType.Value("C_FLOAT", "OfFloat", "float", 4);
            case DOUBLE -> new JType.Value("C_DOUBLE", "OfDouble", "double", 8);
            case VOID, LONGDOUBLE, INT128, UINT128 ->
                    throw new BindgenException(context + ": C type " + kind.name().toLowerCase() + " has no FFM layout");
        };
    }
}
