package xcot.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run's numbers come from: the run's {@code run.json} (versions, llama.cpp pin, models with hashes, phase
 * timings) and {@code config.yaml} (the resolved config), each when the run folder has it. Reports show what is
 * there and say "not recorded" for the rest, so a run of an xcot that wrote neither still reports.
 */
public record Provenance(Optional<JsonNode> runJson, Optional<String> configYaml, List<Row> facts) {
    /** One line of provenance: a dotted key into {@code run.json} (or a fact the reader adds) and its value. */
    public record Row(String key, String value) {}

    public static final String NOT_RECORDED = "not recorded";

    public Provenance {
        facts = List.copyOf(facts);
    }

    public static Provenance none(List<Row> facts) {
        return new Provenance(Optional.empty(), Optional.empty(), facts);
    }

    /** The reader's facts, then every leaf of {@code run.json} as {@code a.b[0].c = value}. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(facts);
        runJson.ifPresent(json -> flatten("", json, rows));
        return rows;
    }

    private static void flatten(String prefix, JsonNode node, List<Row> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.add(new Row(prefix, node.isNull() ? "null" : node.asText()));
        }
    }
}
