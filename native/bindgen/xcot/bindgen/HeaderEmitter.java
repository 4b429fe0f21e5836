package xcot.bindgen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits the header class ({@code llama_h}): C_* layouts, typedef layouts, enum and macro constants, and one
 * downcall wrapper per function with its descriptor, address and handle in a lazily initialised holder class.
 * Past {@code DECLARATIONS_PER_CLASS} declarations (1000, as in jextract; the system property
 * {@code xcot.bindgen.declarationsPerClass} overrides it) it splits the class the way jextract does, keeping class
 * files within the JVM's limits: {@code llama_h} extends {@code llama_h_1}, which extends {@code llama_h_2}, ...,
 * whose root holds the C_* layouts, so that callers still write {@code llama_h.x}.
 */
final class HeaderEmitter {
    private static final int DECLARATIONS_PER_CLASS = Integer.getInteger("xcot.bindgen.declarationsPerClass", 1000);

    /** Generated bindings call restricted FFM methods by design; the warning would only repeat that per handle. */
    static final String RESTRICTED = "@SuppressWarnings(\"restricted\")";

    private final Generation g;
    private final Bindings bindings;

    private HeaderEmitter(Generation g, Bindings bindings) {
        this.g = g;
        this.bindings = bindings;
    }

    /** File name to source text of every header class. */
    static Map<String, String> files(Generation g, Bindings bindings, List<String> sources) {
        return new HeaderEmitter(g, bindings).emit(sources, g.config().symbolLookup());
    }

    private Map<String, String> emit(List<String> sources, String lookupExpression) {
        List<String> members = new ArrayList<>();
        typedefs(members);
        enumConstants(members);
        macros(members);
        for (Ast.Function f : bindings.functions()) {
            members.add(function(f));
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < members.size(); i += DECLARATIONS_PER_CLASS) {
            chunks.add(members.subList(i, Math.min(members.size(), i + DECLARATIONS_PER_CLASS)));
        }
        if (chunks.isEmpty()) {
            chunks.add(List.of());
        }
        Map<String, String> files = new LinkedHashMap<>();
        int n = chunks.size();
        for (int i = 0; i < n; i++) {
            int suffix = n - 1 - i;
            String name = className(suffix);
            String parent = suffix == n - 1 ? null : className(suffix + 1);
            files.put(name + ".java", headerClass(name, parent, suffix == 0, chunks.get(i), sources, lookupExpression));
        }
        return files;
    }

    private String className(int suffix) {
        return suffix == 0 ? g.header() : g.header() + "_" + suffix;
    }

    private String headerClass(String name, String parent, boolean main, List<String> members, List<String> sources,
                               String lookupExpression) {
        Code code = new Code();
        code.add(g.fileComment(sources));
        code.add("package " + g.config().packageName() + ";");
        code.blank();
        code.add("import java.lang.foreign.*;\nimport java.lang.invoke.*;");
        code.blank();
        code.add("import static java.lang.foreign.ValueLayout.*;");
        code.blank();
        if (main) {
            code.add("""
                    /**
                     * The functions, enum constants, macro constants and typedef layouts of %s, bound through FFM.
                     * Functions bind lazily: a function's symbol is looked up and its downcall handle made on first use.
                     * Struct and callback types live in their own classes of this package.
                     */""".formatted(String.join(", ", sources)));
        }
        String modifiers = main ? "public final class " : "public class ";
        code.add(RESTRICTED);
        code.add(modifiers + name + (parent == null ? "" : " extends " + parent) + " {");
        code.in();
        code.blank();
        code.add((main ? "private " : "") + name + "() {\n    // Should not be called directly\n}");
        if (parent == null) {
            code.blank();
            root(code, lookupExpression);
        }
        for (String member : members) {
            code.blank();
            code.add(member);
        }
        code.out();
        code.add("}");
        return code.toString();
    }

    /** The C type layouts and helpers the rest of the bindings use, in the root header class. */
    private static void root(Code code, String lookupExpression) {
        code.add("""
                public static final ValueLayout.OfBoolean C_BOOL = ValueLayout.JAVA_BOOLEAN;
                public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
                public static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;
                public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
                public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
                public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
                public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
                public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
                        .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, JAVA_BYTE));
                public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;

                static MemorySegment findOrThrow(String symbol) {
                    return %s.find(symbol)
                            .orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + symbol));
                }

                static MethodHandle upcallHandle(Class<?> fi, String name, FunctionDescriptor fdesc) {
                    try {
                        return MethodHandles.lookup().findVirtual(fi, name, fdesc.toMethodType());
                    } catch (ReflectiveOperationException ex) {
                        throw new AssertionError(ex);
                    }
                }""".formatted(lookupExpression));
    }

    private void typedefs(List<String> members) {
        Types types = g.javaTypes().types();
        for (Ast.Typedef t : bindings.typedefs()) {
            CType target = types.resolve(t.target());
            boolean scalar = target instanceof CType.Builtin
                    || target instanceof CType.Tagged tagged && tagged.tag() == CType.Tag.ENUM
                    || target instanceof CType.Pointer && types.functionPointer(target) == null;
            if (!scalar) {
                continue;
            }
            JType.Value v = (JType.Value) g.javaTypes().of(target, "typedef " + t.name());
            Code code = new Code();
            code.snippet(null, "typedef " + CPrinter.declaration(t.target(), t.name()));
            code.add("public static final " + v.layoutClass() + " " + t.name() + " = " + v.constant() + ";");
            members.add(code.toString());
        }
    }

    private void enumConstants(List<String> members) {
        for (Ast.Enum e : bindings.enums()) {
            String enumName = e.name() == null ? "<anonymous>" : e.name();
            long size = e.name() == null ? 4 : g.probe().enumSizes().get(e.name());
            for (Ast.EnumConstant c : e.constants()) {
                BigInteger value = g.probe().enumConstants().get(c.name());
                // An unsigned 32-bit value keeps its bit pattern in an int, as it would crossing the C boundary.
                boolean fitsInt = value.compareTo(BigInteger.valueOf(Integer.MIN_VALUE)) >= 0
                        && value.compareTo(BigInteger.ONE.shiftLeft(32)) < 0;
                String javaType = size == 8 || !fitsInt ? "long" : "int";
                String literal = javaType.equals("long") ? value.longValue() + "L" : String.valueOf(value.intValue());
                Code code = new Code();
                code.add("private static final " + javaType + " " + c.name() + " = " + literal + ";");
                code.blank();
                code.snippet(null, "enum " + enumName + "." + c.name() + " = " + value);
                code.add("public static " + javaType + " " + c.name() + "() {\n    return " + c.name() + ";\n}");
                members.add(code.toString());
            }
        }
    }

    private void macros(List<String> members) {
        Map<String, Macro> byName = new LinkedHashMap<>();
        bindings.macros().forEach(m -> byName.put(m.name(), m));
        for (MacroValue m : g.probe().macros()) {
            Code code = new Code();
            String snippet = "#define " + m.name() + " " + byName.get(m.name()).body();
            if (m.javaType().equals("String")) {
                code.snippet(null, snippet);
                code.add("""
                        public static MemorySegment %s() {
                            class Holder {
                                // A constant for the life of the JVM, like the C string literal it mirrors.
                                static final MemorySegment %s = Arena.global().allocateFrom(%s);
                            }
                            return Holder.%s;
                        }""".formatted(m.name(), m.name(), Names.literal((String) m.value()), m.name()));
            } else {
                String literal = switch (m.javaType()) {
                    case "long" -> m.value() + "L";
                    case "float" -> m.value() + "f";
                    default -> String.valueOf(m.value());
                };
                code.add("private static final " + m.javaType() + " " + m.name() + " = " + literal + ";");
                code.blank();
                code.snippet(null, snippet);
                code.add("public static " + m.javaType() + " " + m.name() + "() {\n    return " + m.name() + ";\n}");
            }
            members.add(code.toString());
        }
    }

    private String function(Ast.Function f) {
        String context = f.pos() + ": function " + f.name();
        String name = f.name();
        boolean allocator = Descriptors.returnsStruct(g, f.type(), context);
        String result = g.javaTypes().returnCarrier(f.type().result(), context);
        List<String> carriers = Descriptors.carriers(g, f.type(), context);
        List<String> names = Descriptors.parameterNames(f.parameterNames(), allocator ? List.of("allocator") : List.of());
        List<String> params = new ArrayList<>();
        List<String> args = new ArrayList<>();
        if (allocator) {
            params.add("SegmentAllocator allocator");
            args.add("allocator");
        }
        for (int i = 0; i < carriers.size(); i++) {
            params.add(carriers.get(i) + " " + names.get(i));
            args.add(names.get(i));
        }
        String snippet = CPrinter.function(name, f.type(), f.parameterNames().stream()
                .map(p -> p.isEmpty() ? "" : p).toList());
        String linkerOptions = bindings.critical().contains(name) ? ", Linker.Option.critical(false)" : "";
        Code code = new Code();
        code.add("private static class " + name + " {");
        code.in();
        code.add("public static final FunctionDescriptor DESC = " + Descriptors.descriptor(g, f.type(), "", context) + ";");
        code.blank();
        code.add("public static final MemorySegment ADDR = findOrThrow(\"" + name + "\");");
        code.blank();
        code.add("public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC" + linkerOptions + ");");
        code.out();
        code.add("}");
        code.blank();
        code.snippet("Function descriptor for:", snippet);
        code.add("public static FunctionDescriptor " + name + "$descriptor() {\n    return " + name + ".DESC;\n}");
        code.blank();
        code.snippet("Downcall method handle for:", snippet);
        code.add("public static MethodHandle " + name + "$handle() {\n    return " + name + ".HANDLE;\n}");
        code.blank();
        code.snippet("Address for:", snippet);
        code.add("public static MemorySegment " + name + "$address() {\n    return " + name + ".ADDR;\n}");
        code.blank();
        code.snippet(null, snippet);
        code.add("public static " + result + " " + name + "(" + String.join(", ", params) + ") {");
        code.add("""
                    var mh$ = %s.HANDLE;
                    try {
                        %smh$.invokeExact(%s);
                    } catch (Throwable ex$) {
                        throw new AssertionError("should not reach here", ex$);
                    }
                }""".formatted(name, result.equals("void") ? "" : "return (" + result + ") ", String.join(", ", args)));
        return code.toString();
    }
}
