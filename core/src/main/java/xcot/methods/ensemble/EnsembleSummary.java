package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Totals over the items of one ensemble combination, the figures docs/reference-pipeline.md §9 reports for the
 * published runs: iterations per item (mean, median, max), how many runs each stop reason ended, and the chunks chosen
 * per generator with their shares.
 *
 * @param items number of runs
 * @param meanIterations mean iterations per item
 * @param medianIterations median iterations per item (mean of the middle two for an even count, as numpy does)
 * @param maxIterations most iterations of one item
 * @param stopReasons runs per stop reason
 * @param chunks chunks chosen per generator, in generator order
 * @param shares each generator's share of all chunks
 */
public record EnsembleSummary(int items, double meanIterations, double medianIterations, int maxIterations,
                              Map<StopReason, Integer> stopReasons, Map<String, Integer> chunks,
                              Map<String, Double> shares) {
    public EnsembleSummary {
        stopReasons = Map.copyOf(stopReasons);
        chunks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(chunks));
        shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    }

    /** One item's facts: what its trace's item line holds. */
    record Item(List<String> generators, int[] chunks, int iterations, StopReason stopReason) {}

    /** Sums the runs of one combination (all with the same generators, in the same order). */
    public static EnsembleSummary of(List<EnsembleResult> results) {
        return ofItems(results.stream().map(r -> new Item(r.generators(), r.chunksPerGenerator(),
                r.iterations().size(), r.stopReason())).toList());
    }

    /**
     * Sums the item lines ({@code "type":"item"}) that {@link EnsembleTraceJsonl} wrote for one combination.
     *
     * @throws IllegalArgumentException for a line that is not such an item line
     */
    public static EnsembleSummary ofItemLines(List<String> itemLines) {
        List<Item> items = new ArrayList<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : itemLines) {
            try {
                com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
                if (!"item".equals(n.path("type").asText())) {
                    throw new IllegalArgumentException("not an ensemble item line: " + line);
                }
                List<String> generators = new ArrayList<>();
                List<Integer> counts = new ArrayList<>();
                n.get("chunks").properties().forEach(e -> {
                    generators.add(e.getKey());
                    counts.add(e.getValue().intValue());
                });
                items.add(new Item(generators, counts.stream().mapToInt(Integer::intValue).toArray(),
                        n.get("iterations").intValue(), StopReason.valueOf(n.get("stopReason").textValue())));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
                throw new IllegalArgumentException("not an ensemble item line: " + line, e);
            }
        }
        return ofItems(items);
    }

    private static EnsembleSummary ofItems(List<Item> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no ensemble results to summarize");
        }
        List<String> generators = results.getFirst().generators();
        int[] totals = new int[generators.size()];
        int[] iterations = new int[results.size()];
        Map<StopReason, Integer> reasons = new EnumMap<>(StopReason.class);
        for (int i = 0; i < results.size(); i++) {
            Item r = results.get(i);
            if (!r.generators().equals(generators)) {
                throw new IllegalArgumentException("result " + i + " has generators " + r.generators() + ", not "
                        + generators);
            }
            for (int g = 0; g < totals.length; g++) {
                totals[g] += r.chunks()[g];
            }
            iterations[i] = r.iterations();
            reasons.merge(r.stopReason(), 1, Integer::sum);
        }
        int all = Arrays.stream(totals).sum();
        Map<String, Integer> chunks = new LinkedHashMap<>();
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int g = 0; g < totals.length; g++) {
            chunks.put(generators.get(g), totals[g]);
            shares.put(generators.get(g), all == 0 ? 0 : (double) totals[g] / all);
        }
        int[] sorted = iterations.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return new EnsembleSummary(n, Arrays.stream(iterations).average().orElse(0), median, sorted[n - 1], reasons,
                chunks, shares);
    }

    /**
     * One line: the chunks and share of each generator, then the iterations per item and the stop reasons, e.g.
     * {@code chunks qwq 40 (56.3 %), dapo 31 (43.7 %); 71.0 iterations/item (median 71.0, max 71) over 1 items;
     * stops THINKING_CLOSED 1}.
     */
    public String line() {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : chunks.entrySet()) {
            parts.add(String.format(java.util.Locale.ROOT, "%s %d (%.1f %%)", e.getKey(), e.getValue(),
                    100 * shares.get(e.getKey())));
        }
        List<String> stops = new ArrayList<>();
        new java.util.TreeMap<>(stopReasons).forEach((k, v) -> stops.add(k + " " + v));
        return String.format(java.util.Locale.ROOT, "chunks %s; %.1f iterations/item (median %.1f, max %d) over %d"
                + " items; stops %s", String.join(", ", parts), meanIterations, medianIterations, maxIterations, items,
                String.join(", ", stops));
    }
}
