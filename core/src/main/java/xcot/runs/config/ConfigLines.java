package xcot.runs.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and list entry of a YAML document is, by path ({@code models[1].sampling.top-p}), so that a problem
 * found after binding (a missing file, an unknown model name, a value out of range) names its line. Also finds the
 * first line of a key that appears twice, which the strict binding pass reports only at its second occurrence.
 */
final class ConfigLines {
    private final Map<String, Integer> lines = new HashMap<>();

    private ConfigLines() {}

    /** Indexes {@code yaml}; a document that does not parse leaves the index partial (binding reports the error). */
    static ConfigLines of(String yaml) {
        ConfigLines index = new ConfigLines();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                boolean arrayEntry = t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT
                        && p.getParsingContext().inArray();
                if (t == JsonToken.FIELD_NAME || arrayEntry) {
                    String path = path(p.getParsingContext().pathAsPointer().toString());
                    index.lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // the binding pass reports the syntax error with its line
        }
        return index;
    }

    /** The line where top-level or nested key {@code key} first appears; 0 when it does not. */
    int firstLineOfKey(String key) {
        return lines.entrySet().stream().filter(e -> e.getKey().equals(key) || e.getKey().endsWith("." + key))
                .mapToInt(Map.Entry::getValue).min().orElse(0);
    }

    /** The line of {@code path}, or of its nearest indexed parent; 0 when unknown. */
    int line(String path) {
        for (String p = path; ; p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }

    /** A JSON pointer ({@code /models/1/top-p}) as a config path ({@code models[1].top-p}). */
    static String path(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            String key = part.replace("~1", "/").replace("~0", "~");
            if (key.matches("\\d+")) {
                out.append('[').append(key).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(key);
            }
        }
        return out.toString();
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
