package xcot.bindgen;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Emits a function-pointer type as jextract does: a class with a {@code Function} interface, {@code allocate} to
 * make an upcall stub from a Java implementation, and {@code invoke} to call a native function pointer.
 */
final class CallbackEmitter {
    private CallbackEmitter() {}

    static void emit(Code code, Generation g, String className, CType.Function fn, String cSnippet, boolean nested) {
        String context = "callback " + className;
        String header = g.header();
        String result = g.javaTypes().returnCarrier(fn.result(), context);
        List<String> carriers = Descriptors.carriers(g, fn, context);
        List<String> names = new ArrayList<>();
        StringJoiner params = new StringJoiner(", ");
        for (int i = 0; i < carriers.size(); i++) {
            names.add("_x" + i);
            params.add(carriers.get(i) + " _x" + i);
        }
        boolean allocator = Descriptors.returnsStruct(g, fn, context);
        String invokeParams = "MemorySegment funcPtr" + (allocator ? ", SegmentAllocator alloc" : "")
                + (carriers.isEmpty() ? "" : ", " + params);
        String invokeArgs = "funcPtr" + (allocator ? ", alloc" : "") + (names.isEmpty() ? "" : ", " + String.join(", ", names));
        String returns = result.equals("void") ? "" : "return (" + result + ") ";

        code.snippet(null, cSnippet);
        if (!nested) {
            code.add(HeaderEmitter.RESTRICTED);
        }
        code.add((nested ? "public static class " : "public class ") + className + " {");
        code.in();
        code.blank();
        code.add(className + "() {\n    // Should not be called directly\n}");
        code.blank();
        code.add("/** The function pointer signature, expressed as a functional interface. */");
        code.add("public interface Function {\n    " + result + " apply(" + params + ");\n}");
        code.blank();
        code.add("private static final FunctionDescriptor $DESC = " + Descriptors.descriptor(g, fn, header, context) + ";");
        code.blank();
        code.add("/** The descriptor of this function pointer. */");
        code.add("public static FunctionDescriptor descriptor() {\n    return $DESC;\n}");
        code.blank();
        code.add("private static final MethodHandle UP$MH = " + header + ".upcallHandle(Function.class, \"apply\", $DESC);");
        code.blank();
        code.add("""
                /**
                 * Allocates a new upcall stub, whose implementation is defined by {@code fi}.
                 * The lifetime of the returned segment is managed by {@code arena}.
                 */
                public static MemorySegment allocate(Function fi, Arena arena) {
                    return Linker.nativeLinker().upcallStub(UP$MH.bindTo(fi), $DESC, arena);
                }
                """);
        code.blank();
        code.add("private static final MethodHandle DOWN$MH = Linker.nativeLinker().downcallHandle($DESC);");
        code.blank();
        code.add("/** Invokes the function pointer {@code funcPtr} with the given arguments. */");
        code.add("public static " + result + " invoke(" + invokeParams + ") {");
        code.add("""
                    try {
                        %sDOWN$MH.invokeExact(%s);
                    } catch (Throwable ex$) {
                        throw new AssertionError("should not reach here", ex$);
                    }
                }""".formatted(returns, invokeArgs));
        code.out();
        code.add("}");
    }

    /** The top-level class for a function-pointer typedef. */
    static String file(Generation g, Ast.Typedef typedef, CType.Function fn) {
        Code code = new Code();
        code.add(g.fileComment(List.of(Generation.headerName(typedef.pos()))));
        code.add("package " + g.config().packageName() + ";");
        code.blank();
        code.add("import java.lang.foreign.*;\nimport java.lang.invoke.*;");
        code.blank();
        emit(code, g, typedef.name(), fn, "typedef " + CPrinter.declaration(typedef.target(), typedef.name()), false);
        return code.toString();
    }
}
