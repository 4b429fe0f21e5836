package xcot.reports;

import java.util.List;
import java.util.Map;

/**
 * One ensemble combination of a run, from its traces: whose proposals were chosen, and how good the chosen chunk was
 * at each iteration.
 *
 * @param combination the combination's label, e.g. {@code plain-a+weak-e / mix-d}
 * @param items       items the combination built a chain for
 * @param chunks      chosen chunks per generator, summed over items, in the generators' order
 * @param iterations  per iteration index, the mean winning score (the evaluators' perplexity of the chosen chunk;
 *                    lower is more likely) over the items that reached that iteration
 */
public record EnsembleStats(String combination, int items, Map<String, Long> chunks, List<IterationPoint> iterations) {
    /** @param items items that reached this iteration and had a finite winning score */
    public record IterationPoint(int iteration, double meanWinningScore, int items) {}

    public EnsembleStats {
        chunks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(chunks));
        iterations = List.copyOf(iterations);
    }

    /** The generator's share of all chosen chunks; NaN when no chunk was chosen. */
    public double share(String generator) {
        long total = chunks.values().stream().mapToLong(Long::longValue).sum();
        return total == 0 ? Double.NaN : chunks.getOrDefault(generator, 0L) / (double) total;
    }
}
