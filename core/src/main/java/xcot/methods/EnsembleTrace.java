package xcot.methods;

import java.util.List;
import java.util.Objects;

/**
 * How an ensemble wrote one item's CoT, iteration by iteration: kept typed from the engine to the files that record it
 * (the run's store and {@code ensemble-traces.jsonl}).
 *
 * @param generators    the generators, in order (a candidate's and an iteration's generator index into this list)
 * @param evaluators    the evaluators, in order (a candidate's perplexities follow it)
 * @param iterations    one per chosen chunk
 * @param stopReason    why the loop ended (the engine's stop reason, by name)
 * @param ensembleChars characters the chunks added
 * @param seconds       wall time of the item
 */
public record EnsembleTrace(List<String> generators, List<String> evaluators, List<IterationTrace> iterations,
                            String stopReason, int ensembleChars, double seconds) {
    public EnsembleTrace {
        generators = List.copyOf(generators);
        evaluators = List.copyOf(evaluators);
        iterations = List.copyOf(iterations);
        Objects.requireNonNull(stopReason, "stopReason");
    }

    /** The trace of an item no ensemble engine wrote (stand-ins and tests): no generator, no iteration. */
    public static EnsembleTrace none() {
        return new EnsembleTrace(List.of(), List.of(), List.of(), "NONE", 0, 0);
    }

    /** Chunks chosen from each generator, in generator order. */
    public int[] chunksPerGenerator() {
        int[] counts = new int[generators.size()];
        iterations.forEach(t -> counts[t.chosenGenerator()]++);
        return counts;
    }

    /** Each generator's share of the chosen chunks (0 when there was none). */
    public double[] generatorShares() {
        int[] counts = chunksPerGenerator();
        double[] shares = new double[counts.length];
        for (int g = 0; g < counts.length; g++) {
            shares[g] = iterations.isEmpty() ? 0 : (double) counts[g] / iterations.size();
        }
        return shares;
    }
}
