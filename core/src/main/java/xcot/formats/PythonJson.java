package xcot.formats;

import java.util.Map;

/**
 * Writes flat JSON objects the way Python's {@code json.dumps} does by default (the reference's output files):
 * {@code ", "} and {@code ": "} separators, and {@code ensure_ascii}: every character outside printable ASCII
 * ({@code ' '}..{@code '~'}) escaped as {@code \}{@code uXXXX}, UTF-16 surrogates included, except the short escapes
 * Python uses for {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}.
 */
public final class PythonJson {
    private PythonJson() {}

    /** Values may be {@link String}, {@link Integer}, {@link Long} or null. */
    public static String object(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            string(out, e.getKey());
            out.append(": ");
            switch (e.getValue()) {
                case null -> out.append("null");
                case String s -> string(out, s);
                case Integer n -> out.append(n);
                case Long n -> out.append(n);
                default -> throw new IllegalArgumentException("cannot write " + e.getValue().getClass());
            }
        }
        return out.append('}').toString();
    }

    public static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        out.append('"');
    }
}
