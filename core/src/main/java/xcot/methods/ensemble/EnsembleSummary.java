package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Totals over the items of one ensemble combination, the figures PAPER-SPEC §9 reports for the published runs:
 * iterations per item (mean, median, max), how many runs each stop reason ended, and the chunks chosen per generator
 * with their shares.
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

    /** Sums the runs of one combination (all with the same generators, in the same order). */
    public static EnsembleSummary of(List<EnsembleResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no ensemble results to summarize");
        }
        List<String> generators = results.getFirst().generators();
        int[] totals = new int[generators.size()];
        int[] iterations = new int[results.size()];
        Map<StopReason, Integer> reasons = new EnumMap<>(StopReason.class);
        for (int i = 0; i < results.size(); i++) {
            EnsembleResult r = results.get(i);
            if (!r.generators().equals(generators)) {
                throw new IllegalArgumentException("result " + i + " has generators " + r.generators() + ", not "
                        + generators);
            }
            int[] counts = r.chunksPerGenerator();
            for (int g = 0; g < totals.length; g++) {
                totals[g] += counts[g];
            }
            iterations[i] = r.iterations().size();
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

    /** One line per generator: {@code name  chunks  share%}, then the iteration statistics. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : chunks.entrySet()) {
            out.add(String.format("%-24s %6d chunks  %6.2f %%", e.getKey(), e.getValue(), 100 * shares.get(e.getKey())));
        }
        out.add(String.format("iterations/item: mean %.1f, median %.1f, max %d over %d items; stops %s",
                meanIterations, medianIterations, maxIterations, items, stopReasons));
        return out;
    }
}
