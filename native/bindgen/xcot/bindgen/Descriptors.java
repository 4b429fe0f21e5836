package xcot.bindgen;

import java.util.ArrayList;
import java.util.List;

/** Function descriptors and Java signatures of C function types. */
final class Descriptors {
    private Descriptors() {}

    /**
     * {@code FunctionDescriptor.of(...)} for {@code fn}, one layout per line; layouts are qualified with
     * {@code header} unless it is empty (code inside the header class).
     */
    static String descriptor(Generation g, CType.Function fn, String header, String context) {
        List<String> layouts = new ArrayList<>();
        String result = g.javaTypes().returnCarrier(fn.result(), context);
        if (!result.equals("void")) {
            layouts.add(g.javaTypes().of(fn.result(), context).layoutExpression(header));
        }
        for (CType p : fn.parameters()) {
            layouts.add(g.javaTypes().of(p, context).layoutExpression(header));
        }
        String open = result.equals("void") ? "FunctionDescriptor.ofVoid(" : "FunctionDescriptor.of(";
        if (layouts.isEmpty()) {
            return open + ")";
        }
        return open + "\n    " + String.join(",\n    ", layouts) + "\n)";
    }

    /** Whether calls return a struct by value, so that Java passes a SegmentAllocator first. */
    static boolean returnsStruct(Generation g, CType.Function fn, String context) {
        return !g.javaTypes().returnCarrier(fn.result(), context).equals("void")
                && g.javaTypes().of(fn.result(), context) instanceof JType.Group;
    }

    static List<String> carriers(Generation g, CType.Function fn, String context) {
        return fn.parameters().stream().map(p -> JavaTypes.carrier(g.javaTypes().of(p, context))).toList();
    }

    /** Parameter names usable in Java: C names, {@code x<i>} where C has none, no duplicates with {@code reserved}. */
    static List<String> parameterNames(List<String> cNames, List<String> reserved) {
        List<String> names = new ArrayList<>(reserved);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < cNames.size(); i++) {
            String name = cNames.get(i) == null || cNames.get(i).isEmpty() ? "x" + i : Names.java(cNames.get(i));
            while (names.contains(name)) {
                name = name + "$";
            }
            names.add(name);
            result.add(name);
        }
        return result;
    }
}
