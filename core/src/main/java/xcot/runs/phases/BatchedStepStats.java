package xcot.runs.phases;

import java.util.Locale;
import java.util.Objects;
import xcot.llm.BatchStats;

/**
 * The batched generation of one step (one model, or the filter model), so far or in all: what {@code xcot run} prints
 * per phase and the run folder keeps.
 *
 * @param step                 the step's label
 * @param parallel             sequences the step may decode at once
 * @param sequences            generations finished
 * @param maxInFlight          the most sequences that shared one decode
 * @param meanInFlight         sequences per decode step, averaged over the steps that only generated (no prompt chunk)
 * @param promptTokensDecoded  prompt tokens decoded
 * @param promptTokensReused   prompt tokens whose KV cells were reused (shared prefixes, pass 2 after pass 1)
 * @param tokensGenerated      new tokens
 * @param wallNanos            wall time spent generating (model loading and recalled units not counted)
 */
public record BatchedStepStats(String step, int parallel, long sequences, int maxInFlight, double meanInFlight,
                               long promptTokensDecoded, long promptTokensReused, long tokensGenerated,
                               long wallNanos) {
    public BatchedStepStats {
        Objects.requireNonNull(step, "step");
    }

    static BatchedStepStats of(String step, int parallel, BatchStats s, long wallNanos) {
        double mean = s.generationSteps() == 0 ? 0 : s.generationStepTokens() / (double) s.generationSteps();
        return new BatchedStepStats(step, parallel, s.sequences(), s.maxInFlight(), mean, s.promptTokensDecoded(),
                s.promptTokensReused(), s.tokensGenerated(), wallNanos);
    }

    /** New tokens per second of wall time (prefill, sampling and the scripts' own work included). */
    public double tokensPerSecond() {
        return wallNanos == 0 ? 0 : tokensGenerated * 1e9 / wallNanos;
    }

    /** {@code 48 sequences (parallel 16, 11.2 in flight on average), 2,304 new tokens in 12.1 s: 190.4 tokens/s}. */
    public String describe() {
        return String.format(Locale.ROOT, "%,d sequences (parallel %d, %.1f in flight on average, at most %d), "
                        + "%,d new tokens in %.1f s: %.1f tokens/s; prompt tokens %,d decoded, %,d reused", sequences,
                parallel, meanInFlight, maxInFlight, tokensGenerated, wallNanos / 1e9, tokensPerSecond(),
                promptTokensDecoded, promptTokensReused);
    }
}
