package xcot.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import xcot.metrics.Estimate;
import xcot.metrics.Interval;
import xcot.metrics.Summary;

/**
 * The JSON shapes of the statistics, shared by {@code results.json} and {@code xcot score --json}: a summary is
 * {@code {mean, std, ci95: [low, high], rows}}, an estimate {@code {value, ci95}}; an undefined number (NaN) is
 * {@code null}, since JSON has no NaN.
 */
public final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {}

    public static ObjectNode summary(Summary s) {
        ObjectNode node = MAPPER.createObjectNode();
        put(node, "mean", s.mean());
        put(node, "std", s.std());
        node.set("ci95", interval(s.ci95()));
        node.put("rows", s.rows());
        return node;
    }

    public static ObjectNode estimate(Estimate e) {
        ObjectNode node = MAPPER.createObjectNode();
        put(node, "value", e.value());
        node.set("ci95", interval(e.ci95()));
        return node;
    }

    public static ArrayNode interval(Interval ci) {
        ArrayNode node = MAPPER.createArrayNode();
        add(node, ci.low());
        add(node, ci.high());
        return node;
    }

    public static ArrayNode matrix(double[][] values) {
        ArrayNode rows = MAPPER.createArrayNode();
        for (double[] row : values) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                add(r, v);
            }
        }
        return rows;
    }

    public static void put(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    public static void add(ArrayNode node, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.addNull();
        } else {
            node.add(value);
        }
    }
}
