package xcot.llm;

/**
 * What a {@link BatchedGenerator} did since it was created, summed over all its runs.
 *
 * @param steps decode steps (one {@code llama_decode} each)
 * @param decodeNanos wall time inside {@code llama_decode}
 * @param samplingNanos wall time sampling the rows (all sampling threads together count once)
 * @param stepNanos wall time of whole steps: admission, batch building, decode, sampling, bookkeeping
 * @param promptTokensDecoded prompt tokens decoded
 * @param promptTokensReused prompt tokens whose cells were reused (shared prefixes, leftover cells) instead
 * @param tokensGenerated tokens sampled and kept
 * @param generationSteps steps whose batch held generated tokens only (no prompt chunk)
 * @param generationStepNanos wall time of those steps
 * @param generationStepTokens tokens those steps decoded: with {@code generationStepNanos} the aggregate decode
 *                             speed, comparable to {@code llama-batched-bench}'s S_TG
 * @param sequences generations finished
 * @param maxInFlight the most sequences that shared one step
 */
public record BatchStats(long steps, long decodeNanos, long samplingNanos, long stepNanos, long promptTokensDecoded,
                         long promptTokensReused, long tokensGenerated, long generationSteps,
                         long generationStepNanos, long generationStepTokens, long sequences, int maxInFlight) {
    /** Tokens per second over the generation-only steps (0 when there were none). */
    public double generationTokensPerSecond() {
        return generationStepNanos == 0 ? 0 : generationStepTokens * 1e9 / generationStepNanos;
    }

    /** What happened between {@code earlier} and this snapshot ({@code maxInFlight} is this one's). */
    public BatchStats since(BatchStats earlier) {
        return new BatchStats(steps - earlier.steps, decodeNanos - earlier.decodeNanos,
                samplingNanos - earlier.samplingNanos, stepNanos - earlier.stepNanos,
                promptTokensDecoded - earlier.promptTokensDecoded, promptTokensReused - earlier.promptTokensReused,
                tokensGenerated - earlier.tokensGenerated, generationSteps - earlier.generationSteps,
                generationStepNanos - earlier.generationStepNanos, generationStepTokens - earlier.generationStepTokens,
                sequences - earlier.sequences, maxInFlight);
    }
}
