package xcot.bindgen;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Emits a struct or union class in jextract's shape: the layout, per field {@code NAME$layout()},
 * {@code NAME$offset()}, a getter and a setter (plus element accessors for arrays), and allocation helpers.
 */
final class StructEmitter {
    private final Generation g;
    private final Code code = new Code();
    private final LayoutBuilder layouts;

    private StructEmitter(Generation g) {
        this.g = g;
        this.layouts = new LayoutBuilder(g.javaTypes(), g.header());
    }

    static String file(Generation g, StructModel model) {
        StructEmitter e = new StructEmitter(g);
        e.code.add(g.fileComment(List.of(Generation.headerName(model.record().pos()))));
        e.code.add("package " + g.config().packageName() + ";");
        e.code.blank();
        e.code.add("""
                import java.lang.foreign.*;
                import java.lang.invoke.*;
                import java.util.function.Consumer;

                import static java.lang.foreign.MemoryLayout.PathElement.*;
                import static java.lang.foreign.ValueLayout.*;
                """);
        e.code.blank();
        e.emitClass(model, false);
        return e.code.toString();
    }

    /** A class {@code alias} for {@code typedef struct target alias;}, as jextract emits it. */
    static String alias(Generation g, Ast.Typedef typedef, String target) {
        Code code = new Code();
        code.add(g.fileComment(List.of(Generation.headerName(typedef.pos()))));
        code.add("package " + g.config().packageName() + ";");
        code.blank();
        code.snippet(null, "typedef " + CPrinter.declaration(typedef.target(), typedef.name()));
        code.add("public class " + typedef.name() + " extends " + target + " {\n");
        code.add("    " + typedef.name() + "() {\n        // Should not be called directly\n    }\n}");
        return code.toString();
    }

    private void emitClass(StructModel model, boolean nested) {
        code.snippet(null, cBody(model.record(), model.record().anonymous() ? null : model.record().name()) + ";");
        if (!nested && hasCallbacks(model)) {
            code.add(HeaderEmitter.RESTRICTED);
        }
        code.add((nested ? "public static class " : "public class ") + model.javaName() + " {");
        code.in();
        code.blank();
        code.add(model.javaName() + "() {\n    // Should not be called directly\n}");
        code.blank();
        code.add("private static final GroupLayout $LAYOUT = " + layouts.layout(model) + ";");
        code.blank();
        code.add("/** The layout of this " + (model.record().tag() == CType.Tag.UNION ? "union" : "struct") + ". */");
        code.add("public static final GroupLayout layout() {\n    return $LAYOUT;\n}");
        for (StructModel.Accessor a : model.accessors()) {
            accessor(a);
        }
        for (StructModel n : model.nestedStructs()) {
            code.blank();
            emitClass(n, true);
        }
        for (StructModel.NestedCallback cb : model.nestedCallbacks()) {
            code.blank();
            CallbackEmitter.emit(code, g, cb.javaName(), cb.type(), cb.cDeclaration(), true);
        }
        code.blank();
        code.add("""
                /** A slice of {@code array} that selects the element at {@code index}. */
                public static MemorySegment asSlice(MemorySegment array, long index) {
                    return array.asSlice(layout().byteSize() * index, layout().byteSize());
                }

                /** The size (in bytes) of this struct. */
                public static long sizeof() {
                    return layout().byteSize();
                }

                /** Allocates a segment of size {@code layout().byteSize()} using {@code allocator}. */
                public static MemorySegment allocate(SegmentAllocator allocator) {
                    return allocator.allocate(layout());
                }

                /** Allocates an array of size {@code elementCount} using {@code allocator}. */
                public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
                    return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
                }

                /** Reinterprets {@code addr} using target {@code arena} and {@code cleanup} (if any). */
                public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
                    return reinterpret(addr, 1, arena, cleanup);
                }

                /** Reinterprets {@code addr} as an array of {@code elementCount} structs, using {@code arena} and {@code cleanup}. */
                public static MemorySegment reinterpret(MemorySegment addr, long elementCount, Arena arena, Consumer<MemorySegment> cleanup) {
                    return addr.reinterpret(layout().byteSize() * elementCount, arena, cleanup);
                }
                """);
        code.out();
        code.add("}");
    }

    private void accessor(StructModel.Accessor a) {
        String n = a.javaName();
        String path = a.path().stream().map(p -> "groupElement(\"" + p + "\")").collect(Collectors.joining(", "));
        String layoutClass = switch (a.type()) {
            case JType.Value v -> v.layoutClass();
            case JType.Group grp -> "GroupLayout";
            case JType.Sequence s -> "SequenceLayout";
        };
        code.blank();
        code.add("private static final " + layoutClass + " " + n + "$LAYOUT = (" + layoutClass + ") $LAYOUT.select(" + path + ");");
        code.blank();
        code.snippet("Layout for field:", a.cDeclaration());
        code.add("public static final " + layoutClass + " " + n + "$layout() {\n    return " + n + "$LAYOUT;\n}");
        code.blank();
        code.add("private static final long " + n + "$OFFSET = $LAYOUT.byteOffset(" + path + ");");
        code.blank();
        code.snippet("Offset for field:", a.cDeclaration());
        code.add("public static final long " + n + "$offset() {\n    return " + n + "$OFFSET;\n}");
        code.blank();
        if (a.type() instanceof JType.Value v) {
            code.snippet("Getter for field:", a.cDeclaration());
            code.add("public static " + v.carrier() + " " + n + "(MemorySegment struct) {\n    return struct.get("
                    + n + "$LAYOUT, " + n + "$OFFSET);\n}");
            code.blank();
            code.snippet("Setter for field:", a.cDeclaration());
            code.add("public static void " + n + "(MemorySegment struct, " + v.carrier() + " fieldValue) {\n    struct.set("
                    + n + "$LAYOUT, " + n + "$OFFSET, fieldValue);\n}");
            return;
        }
        code.snippet("Getter for field:", a.cDeclaration());
        code.add("public static MemorySegment " + n + "(MemorySegment struct) {\n    return struct.asSlice("
                + n + "$OFFSET, " + n + "$LAYOUT.byteSize());\n}");
        code.blank();
        code.snippet("Setter for field:", a.cDeclaration());
        code.add("public static void " + n + "(MemorySegment struct, MemorySegment fieldValue) {\n"
                + "    MemorySegment.copy(fieldValue, 0L, struct, " + n + "$OFFSET, " + n + "$LAYOUT.byteSize());\n}");
        if (a.type() instanceof JType.Sequence s) {
            elements(a, s, path);
        }
    }

    /** {@code $dimensions()} and indexed element accessors of an array field. */
    private void elements(StructModel.Accessor a, JType.Sequence s, String path) {
        String n = a.javaName();
        List<Long> dims = new ArrayList<>();
        JType element = s;
        while (element instanceof JType.Sequence seq) {
            dims.add(seq.length());
            element = seq.element();
        }
        String elementPath = path + ", sequenceElement()".repeat(dims.size());
        List<String> indexParams = new ArrayList<>();
        List<String> indexArgs = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            indexParams.add("long index" + i);
            indexArgs.add("index" + i);
        }
        String params = String.join(", ", indexParams);
        String args = String.join(", ", indexArgs);
        code.blank();
        code.add("private static final long[] " + n + "$DIMS = { "
                + dims.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " };");
        code.blank();
        code.snippet("Dimensions for array field:", a.cDeclaration());
        code.add("public static long[] " + n + "$dimensions() {\n    return " + n + "$DIMS.clone();\n}");
        code.blank();
        if (element instanceof JType.Value v) {
            code.add("private static final VarHandle " + n + "$ELEM_HANDLE = $LAYOUT.varHandle(" + elementPath + ");");
            code.blank();
            code.snippet("Indexed getter for field:", a.cDeclaration());
            code.add("public static " + v.carrier() + " " + n + "(MemorySegment struct, " + params + ") {\n    return ("
                    + v.carrier() + ") " + n + "$ELEM_HANDLE.get(struct, 0L, " + args + ");\n}");
            code.blank();
            code.snippet("Indexed setter for field:", a.cDeclaration());
            code.add("public static void " + n + "(MemorySegment struct, " + params + ", " + v.carrier()
                    + " fieldValue) {\n    " + n + "$ELEM_HANDLE.set(struct, 0L, " + args + ", fieldValue);\n}");
        } else {
            code.add("private static final MethodHandle " + n + "$ELEM_HANDLE = $LAYOUT.sliceHandle(" + elementPath + ");");
            code.blank();
            code.snippet("Indexed getter for field:", a.cDeclaration());
            code.add("""
                    public static MemorySegment %s(MemorySegment struct, %s) {
                        try {
                            return (MemorySegment) %s$ELEM_HANDLE.invokeExact(struct, 0L, %s);
                        } catch (Throwable ex$) {
                            throw new AssertionError("should not reach here", ex$);
                        }
                    }""".formatted(n, params, n, args));
        }
    }

    private static boolean hasCallbacks(StructModel model) {
        return !model.nestedCallbacks().isEmpty() || model.nestedStructs().stream().anyMatch(StructEmitter::hasCallbacks);
    }

    /** The C definition of a record, for its class's Javadoc. */
    private String cBody(Ast.Record r, String name) {
        StringBuilder sb = new StringBuilder(r.tag() == CType.Tag.UNION ? "union " : "struct ");
        if (name != null) {
            sb.append(name).append(' ');
        }
        sb.append("{\n");
        for (Ast.Field field : r.fields()) {
            CType resolved = g.javaTypes().types().resolve(field.type());
            String member;
            if (resolved instanceof CType.Tagged t && t.anonymous()) {
                String body = cBody(g.javaTypes().types().record(t), null);
                member = field.anonymous() ? body : body + " " + field.name();
            } else {
                member = CPrinter.declaration(field.type(), field.name());
            }
            sb.append("    ").append(member.replace("\n", "\n    ")).append(";\n");
        }
        return sb.append("}").toString();
    }
}
