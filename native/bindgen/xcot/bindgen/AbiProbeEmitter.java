package xcot.bindgen;

import java.util.List;

/**
 * Emits {@code abi_probe.c}: a C program that prints, as the C compiler lays them out, the size and alignment of
 * every struct class the bindings contain and the offset and size of every field accessor, one line each:
 * <pre>
 * struct &lt;java binary name&gt; &lt;size&gt; &lt;alignment&gt;
 * field &lt;java binary name&gt; &lt;java field name&gt; &lt;offset&gt; &lt;size&gt;
 * </pre>
 * It is generated from the same models as the Java classes, so it cannot miss one.
 */
final class AbiProbeEmitter {
    private AbiProbeEmitter() {}

    static String file(Generation g, List<StructModel> models) {
        Code code = new Code();
        code.add(g.fileComment(g.config().includes()).replace("// ", "/* ").replace(".\n", ". */\n"));
        code.add("/* Prints the C compiler's view of every struct the Java bindings lay out; AbiLayoutTest compares. */");
        code.add("#include <stddef.h>\n#include <stdio.h>");
        for (String include : g.config().includes()) {
            code.add("#include \"" + include + "\"");
        }
        code.blank();
        code.add("int main(void) {");
        code.in();
        for (StructModel model : models) {
            emit(code, model);
        }
        code.add("return 0;");
        code.out();
        code.add("}");
        return code.toString();
    }

    private static void emit(Code code, StructModel model) {
        String top = model.topCType();
        String base = model.baseDesignator();
        String self = base.isEmpty() ? top : "((" + top + " *) 0)->" + base;
        String size = "sizeof(" + self + ")";
        String align = base.isEmpty() ? "_Alignof(" + top + ")" : "__alignof__(" + self + ")";
        code.add("printf(\"struct " + model.binaryName() + " %zu %zu\\n\", " + size + ", " + align + ");");
        for (StructModel.Accessor a : model.accessors()) {
            String offset = "offsetof(" + top + ", " + a.designator() + ")";
            if (!base.isEmpty()) {
                offset += " - offsetof(" + top + ", " + base + ")";
            }
            String fieldSize = "sizeof(((" + top + " *) 0)->" + a.designator() + ")";
            code.add("printf(\"field " + model.binaryName() + " " + a.javaName() + " %zu %zu\\n\", " + offset + ", "
                    + fieldSize + ");");
        }
        for (StructModel nested : model.nestedStructs()) {
            emit(code, nested);
        }
    }
}
