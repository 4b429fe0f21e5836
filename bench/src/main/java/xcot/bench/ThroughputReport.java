package xcot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Summarizes the JSON lines of {@code bench/run-llama-comparison.sh}: per model, xcot's aggregate generation speed
 * at each N against {@code llama-batched-bench}'s S_TG, and xcot's single-sequence decode against
 * {@code llama-bench}'s tg, as the minimum and the median over the interleaved runs, with the ratios of both.
 *
 * <pre>java ... xcot.bench.ThroughputReport RESULTS.jsonl</pre>
 */
public final class ThroughputReport {
    private static final double BATCHED_TARGET = 0.9;
    private static final double SINGLE_TARGET = 0.95;

    private ThroughputReport() {}

    /** Tokens/s samples of one (model, tool, N). */
    private record Key(String model, String tool, int parallel) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = model.compareTo(o.model);
            if (c != 0) return c;
            c = tool.compareTo(o.tool);
            return c != 0 ? c : Integer.compare(parallel, o.parallel);
        }
    }

    public static void main(String[] args) throws IOException {
        Map<Key, List<Double>> samples = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode o = json.readTree(line);
            String tool = o.get("tool").asText();
            String model = o.get("model").asText();
            switch (tool) {
                case "llama-batched-bench" -> add(samples, new Key(model, tool, o.get("pl").asInt()),
                        o.get("speed_tg").asDouble());
                case "llama-bench" -> o.get("samples_ts").forEach(v -> add(samples, new Key(model, tool, 1),
                        v.asDouble()));
                case "xcot" -> add(samples, new Key(model, "single".equals(o.get("mode").asText()) ? "xcot-single"
                        : "xcot-batched", o.get("pl").asInt()), o.get("speed_tg").asDouble());
                default -> throw new IllegalArgumentException("unknown tool " + tool + " in " + line);
            }
        }
        System.out.print(report(samples));
    }

    private static void add(Map<Key, List<Double>> samples, Key key, double value) {
        samples.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    static String report(Map<Key, List<Double>> samples) {
        StringBuilder out = new StringBuilder();
        samples.keySet().stream().map(Key::model).distinct().forEach(model -> {
            out.append("\n### ").append(model).append("\n\n");
            out.append("| N | llama-batched-bench S_TG t/s (min / median) | xcot t/s (min / median) | xcot / llama"
                    + " (min, median) | runs |\n|---|---|---|---|---|\n");
            samples.keySet().stream().filter(k -> k.model.equals(model) && k.tool.equals("llama-batched-bench"))
                    .forEach(k -> row(out, Integer.toString(k.parallel), samples.get(k),
                            samples.get(new Key(model, "xcot-batched", k.parallel)), BATCHED_TARGET));
            out.append("\n| single sequence | llama-bench tg t/s (min / median) | xcot t/s (min / median) | xcot /"
                    + " llama (min, median) | runs |\n|---|---|---|---|---|\n");
            row(out, "1", samples.get(new Key(model, "llama-bench", 1)), samples.get(new Key(model, "xcot-single", 1)),
                    SINGLE_TARGET);
        });
        return out.toString();
    }

    private static void row(StringBuilder out, String label, List<Double> llama, List<Double> xcot, double target) {
        if (llama == null || xcot == null) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | missing | |%n", label, format(llama), format(xcot)));
            return;
        }
        double minRatio = min(xcot) / min(llama);
        double medianRatio = median(xcot) / median(llama);
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f×, **%.2f×**%s | %d / %d |%n", label,
                format(llama), format(xcot), minRatio, medianRatio, medianRatio >= target ? "" : " (below " + target
                        + "×)", llama.size(), xcot.size()));
    }

    private static String format(List<Double> v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.1f / %.1f", min(v), median(v));
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
