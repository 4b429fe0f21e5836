package xcot.runs.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a small tree whose every node knows its line, so that config errors can say
 * {@code file:line}. Built from Jackson's streaming YAML parser; mappings keep their key order and reject duplicate
 * keys.
 */
final class YamlTree {
    private YamlTree() {}

    sealed interface Node {
        int line();
    }

    record Scalar(int line, String text, JsonToken token) implements Node {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    record Sequence(int line, List<Node> items) implements Node {}

    /** A mapping; {@code keyLines} gives the line of each key. */
    record Mapping(int line, Map<String, Node> entries, Map<String, Integer> keyLines) implements Node {}

    /**
     * Parses one YAML document.
     *
     * @throws ConfigException for YAML syntax errors and duplicate keys, naming {@code source} and the line
     */
    static Node parse(String yaml, String source) {
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ConfigException(source, 1, "the file is empty");
            }
            Node root = node(p, source);
            if (p.nextToken() != null) {
                throw new ConfigException(source, line(p), "more than one YAML document");
            }
            return root;
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr() : 0;
            throw new ConfigException(source, line, "not valid YAML: " + message);
        }
    }

    private static Node node(JsonParser p, String source) throws IOException {
        int line = line(p);
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                if (entries.containsKey(key)) {
                    throw new ConfigException(source, keyLine, "key '" + key + "' appears twice (first on line "
                            + keyLines.get(key) + ")");
                }
                p.nextToken();
                keyLines.put(key, keyLine);
                entries.put(key, node(p, source));
            }
            return new Mapping(line, entries, keyLines);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(p, source));
            }
            return new Sequence(line, items);
        }
        return new Scalar(line, t == JsonToken.VALUE_NULL ? null : p.getText(), t);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
