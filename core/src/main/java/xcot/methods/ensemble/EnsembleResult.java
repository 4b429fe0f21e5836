package xcot.methods.ensemble;

import java.util.List;
import java.util.Objects;
import xcot.methods.EnsembleTrace;
import xcot.methods.IterationTrace;

/**
 * The outcome of one ensemble run (one item).
 *
 * @param generators generator names, in order (the first is the "first generator")
 * @param evaluators evaluator names, in order
 * @param chunks the appended strings, in order, each {@code " " + chosen.strip()}
 * @param firstGeneratorContext the first generator's whole context at the end (the reference saves this text)
 * @param stopReason why the loop ended
 * @param iterations the trace of every iteration
 * @param elapsedNanos wall time of the run, starting the contexts included
 */
public record EnsembleResult(List<String> generators, List<String> evaluators, List<String> chunks,
                             String firstGeneratorContext, StopReason stopReason, List<IterationTrace> iterations,
                             long elapsedNanos) {
    public EnsembleResult {
        generators = List.copyOf(generators);
        evaluators = List.copyOf(evaluators);
        chunks = List.copyOf(chunks);
        Objects.requireNonNull(firstGeneratorContext, "firstGeneratorContext");
        Objects.requireNonNull(stopReason, "stopReason");
        iterations = List.copyOf(iterations);
    }

    /** Everything the ensemble appended after the prompts: the chunks joined. */
    public String ensembleText() {
        return String.join("", chunks);
    }

    /** The trace the pipeline keeps: the iterations with the run's facts. */
    public EnsembleTrace trace() {
        return new EnsembleTrace(generators, evaluators, iterations, stopReason.name(), ensembleText().length(),
                elapsedNanos / 1e9);
    }

    /** Chunks chosen from each generator, in generator order. */
    public int[] chunksPerGenerator() {
        return trace().chunksPerGenerator();
    }

    /** Each generator's share of the chunks (0 for all when there were none). */
    public double[] generatorShares() {
        return trace().generatorShares();
    }
}
