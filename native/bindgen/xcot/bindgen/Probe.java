package xcot.bindgen;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks clang for the numbers the generator must not compute itself: enum constant values, enum sizes, macro
 * values and types, and struct layouts. It writes a probe file that includes the wrapper header and declares one
 * constant per question ({@code enum { xcot_probe_7 = (LLAMA_DEFAULT_SEED) };}), then reads clang's evaluated
 * values back from the JSON AST and the record layouts from {@code -fdump-record-layouts-simple}.
 *
 * <p>A macro that is not a constant expression makes clang fail on its probe line; that macro is dropped (with a
 * note on stderr) and the probe is run again, as jextract does.
 */
final class Probe {
    private static final Pattern ERROR = Pattern.compile("^.*xcot_probe\\.c:(\\d+):\\d+: error: (.*)$", Pattern.MULTILINE);
    private static final int MAX_ATTEMPTS = 8;

    /** Everything the probe found out. */
    record Results(
            Map<String, BigInteger> enumConstants,
            Map<String, Long> enumSizes,
            List<MacroValue> macros,
            Map<String, RecordLayout> layouts) {}

    private Probe() {}

    static Results run(Clang clang, Path workDir, Path wrapper, Bindings bindings) {
        Path probe = workDir.resolve("xcot_probe.c");
        List<Macro> macros = new ArrayList<>(bindings.macros());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Source source = source(wrapper, bindings, macros);
            Clang.write(probe, source.text());
            Clang.Result result = clang.astJson(probe, "xcot_");
            if (result.exitCode() == 0) {
                return results(source, result.stdout(), RecordLayout.parse(clang.recordLayouts(probe)));
            }
            Matcher m = ERROR.matcher(result.stderr());
            boolean dropped = false;
            while (m.find()) {
                Macro macro = source.macroByLine().get(Integer.parseInt(m.group(1)));
                if (macro == null) {
                    throw new BindgenException(probe + ":" + m.group(1) + ": " + m.group(2));
                }
                if (macros.remove(macro)) {
                    System.err.println("bindgen: macro " + macro.name() + " (" + Path.of(macro.file()).getFileName()
                            + ") is not a constant, not bound: " + m.group(2));
                    dropped = true;
                }
            }
            if (!dropped) {
                throw new BindgenException("clang failed on " + probe + ": " + Clang.firstLines(result.stderr(), 5));
            }
        }
        throw new BindgenException("clang still fails on " + probe + " after " + MAX_ATTEMPTS + " attempts");
    }

    /** The probe text, and what each numbered probe asks. */
    private record Source(
            String text,
            Map<String, String> enumConstantProbes,
            Map<String, String> enumSizeProbes,
            Map<String, Macro> macroProbes,
            Map<Integer, Macro> macroByLine) {}

    private static Source source(Path wrapper, Bindings bindings, List<Macro> macros) {
        List<String> lines = new ArrayList<>();
        lines.add("#include \"" + wrapper.toAbsolutePath() + "\"");
        int id = 0;
        for (Ast.Record r : bindings.structs()) {
            lines.add("typedef char xcot_layout_" + id++ + "[sizeof(" + r.cName() + ")];");
        }
        Map<String, String> enumConstantProbes = new LinkedHashMap<>();
        Map<String, String> enumSizeProbes = new LinkedHashMap<>();
        for (Ast.Enum e : bindings.enums()) {
            if (e.name() != null) {
                String probe = "xcot_probe_" + id++;
                enumSizeProbes.put(probe, e.name());
                lines.add("enum { " + probe + " = sizeof(enum " + e.name() + ") };");
            }
            for (Ast.EnumConstant c : e.constants()) {
                String probe = "xcot_probe_" + id++;
                enumConstantProbes.put(probe, c.name());
                lines.add("enum { " + probe + " = (" + c.name() + ") };");
            }
        }
        Map<String, Macro> macroProbes = new LinkedHashMap<>();
        Map<Integer, Macro> macroByLine = new HashMap<>();
        for (Macro m : macros) {
            String probe = "xcot_probe_" + id++;
            macroProbes.put(probe, m);
            // The enum asks clang for the integer value; _Generic keeps strings and floats out of that question.
            lines.add("__auto_type xcot_macro_" + probe + " = (" + m.name() + "); enum { " + probe + " = _Generic(("
                    + m.name() + "), float: 0, double: 0, long double: 0, char *: 0, const char *: 0, default: ("
                    + m.name() + ")) };");
            macroByLine.put(lines.size(), m);
        }
        return new Source(String.join("\n", lines) + "\n", enumConstantProbes, enumSizeProbes, macroProbes, macroByLine);
    }

    private static Results results(Source source, String json, Map<String, RecordLayout> layouts) {
        Map<String, BigInteger> values = new HashMap<>();
        Map<String, Map<String, Object>> vars = new HashMap<>();
        for (Object item : Json.parseSequence("probe AST", json)) {
            Map<String, Object> node = Json.object(item);
            String name = (String) node.get("name");
            if ("EnumConstantDecl".equals(node.get("kind"))) {
                values.put(name, constantValue(node));
            } else if ("VarDecl".equals(node.get("kind"))) {
                vars.put(name, node);
            }
        }
        Map<String, BigInteger> enumConstants = new HashMap<>();
        source.enumConstantProbes().forEach((probe, constant) -> enumConstants.put(constant, required(values, probe, constant)));
        Map<String, Long> enumSizes = new HashMap<>();
        source.enumSizeProbes().forEach((probe, e) -> enumSizes.put(e, required(values, probe, "sizeof(enum " + e + ")").longValueExact()));
        List<MacroValue> macros = new ArrayList<>();
        source.macroProbes().forEach((probe, macro) -> {
            MacroValue value = macroValue(macro, vars.get("xcot_macro_" + probe), required(values, probe, macro.name()));
            if (value != null) {
                macros.add(value);
            }
        });
        return new Results(enumConstants, enumSizes, macros, layouts);
    }

    private static BigInteger required(Map<String, BigInteger> values, String probe, String what) {
        BigInteger v = values.get(probe);
        if (v == null) {
            throw new BindgenException("clang reported no value for " + what + " (" + probe + ")");
        }
        return v;
    }

    /** The value clang evaluated for an enum constant's initialiser: the outermost ConstantExpr below it. */
    private static BigInteger constantValue(Map<String, Object> enumConstant) {
        BigInteger value = findConstant(enumConstant);
        if (value == null) {
            throw new BindgenException("no evaluated value for " + enumConstant.get("name"));
        }
        return value;
    }

    private static BigInteger findConstant(Map<String, Object> node) {
        if ("ConstantExpr".equals(node.get("kind")) && node.get("value") instanceof String value) {
            return new BigInteger(value);
        }
        for (Object child : Json.array(node.get("inner"))) {
            BigInteger value = findConstant(Json.object(child));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static MacroValue macroValue(Macro macro, Map<String, Object> var, BigInteger integer) {
        if (var == null) {
            throw new BindgenException("clang reported no declaration for macro " + macro.name());
        }
        String type = ((String) Json.object(var.get("type")).get("qualType")).replace("const ", "").strip();
        Map<String, Object> init = Json.object(Json.array(var.get("inner")).getFirst());
        return switch (type) {
            case "int", "unsigned int", "short", "unsigned short", "char", "signed char", "unsigned char", "bool", "_Bool" ->
                    new MacroValue(macro.name(), "int", integer.intValue());
            case "long", "unsigned long", "long long", "unsigned long long" ->
                    new MacroValue(macro.name(), "long", integer.longValue());
            case "float" -> new MacroValue(macro.name(), "float", (float) floating(macro, init));
            case "double" -> new MacroValue(macro.name(), "double", floating(macro, init));
            case "char *" -> new MacroValue(macro.name(), "String", string(macro, init));
            default -> {
                System.err.println("bindgen: macro " + macro.name() + " has type " + type + ", not bound");
                yield null;
            }
        };
    }

    private static double floating(Macro macro, Map<String, Object> expr) {
        return switch ((String) expr.get("kind")) {
            case "FloatingLiteral" -> Double.parseDouble((String) expr.get("value"));
            case "ParenExpr", "ImplicitCastExpr" -> floating(macro, Json.object(Json.array(expr.get("inner")).getFirst()));
            case "UnaryOperator" -> {
                double operand = floating(macro, Json.object(Json.array(expr.get("inner")).getFirst()));
                yield "-".equals(expr.get("opcode")) ? -operand : operand;
            }
            default -> throw new BindgenException("macro " + macro.name() + " (" + macro.body()
                    + "): floating expression too complex to read back");
        };
    }

    private static String string(Macro macro, Map<String, Object> expr) {
        return switch ((String) expr.get("kind")) {
            case "StringLiteral" -> unquote(macro, (String) expr.get("value"));
            case "ParenExpr", "ImplicitCastExpr" -> string(macro, Json.object(Json.array(expr.get("inner")).getFirst()));
            default -> throw new BindgenException("macro " + macro.name() + " (" + macro.body() + ") is no string literal");
        };
    }

    /** A C string literal as clang prints it ({@code "GGUF"}) to its characters; only simple escapes occur. */
    private static String unquote(Macro macro, String literal) {
        if (literal.length() < 2 || !literal.startsWith("\"") || !literal.endsWith("\"")) {
            throw new BindgenException("macro " + macro.name() + ": unexpected literal " + literal);
        }
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case '\\', '"', '\'' -> sb.append(e);
                default -> throw new BindgenException("macro " + macro.name() + ": unsupported escape \\" + e);
            }
        }
        return sb.toString();
    }
}
