package xcot.bindgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An object-like macro with a non-empty body, and the file that defines it (from {@code clang -E -dD}). */
record Macro(String name, String body, String file) {
    private static final Pattern LINE_MARKER = Pattern.compile("^# \\d+ \"(.*)\"");
    private static final Pattern DEFINE = Pattern.compile("^#define ([A-Za-z_][A-Za-z0-9_]*)(\\(?)\\s*(.*)$");
    private static final Pattern UNDEF = Pattern.compile("^#undef ([A-Za-z_][A-Za-z0-9_]*)");

    Macro {
        Objects.requireNonNull(name);
        Objects.requireNonNull(body);
        Objects.requireNonNull(file);
    }

    /**
     * The macros in effect at the end of the preprocessed output {@code text}, in definition order. Function-like
     * and empty macros are left out: they are no constants.
     */
    static List<Macro> read(String text) {
        Map<String, Macro> macros = new LinkedHashMap<>();
        String file = "<unknown>";
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE_MARKER.matcher(line);
            if (m.find()) {
                file = m.group(1);
                continue;
            }
            m = DEFINE.matcher(line);
            if (m.find()) {
                macros.remove(m.group(1));
                String body = m.group(3).strip();
                if (m.group(2).isEmpty() && !body.isEmpty()) {
                    macros.put(m.group(1), new Macro(m.group(1), body, file));
                }
                continue;
            }
            m = UNDEF.matcher(line);
            if (m.find()) {
                macros.remove(m.group(1));
            }
        }
        return new ArrayList<>(macros.values());
    }
}
