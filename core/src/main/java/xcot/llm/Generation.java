package xcot.llm;

/**
 * The result of one generation.
 *
 * @param tokens the generated token ids (the stop token excluded)
 * @param text the generated tokens detokenized
 * @param stopReason why generation ended
 * @param promptTokens the prompt's length in tokens
 * @param cachedPromptTokens prompt tokens whose KV cells were reused (a shared prefix copied from another sequence,
 *                           or left in this sequence by an earlier request) instead of decoded
 * @param decodeNanos wall time of the {@code llama_decode} calls that carried this sequence's tokens (in a batch,
 *                    shared with the other sequences of each call)
 * @param prefillNanos wall time from the start (or the admission into a batch) until the prompt's last token was
 *                     decoded
 * @param generationNanos wall time after that until the last token was sampled: decoding, sampling and bookkeeping
 */
public record Generation(int[] tokens, String text, StopReason stopReason, int promptTokens, int cachedPromptTokens,
                         long decodeNanos, long prefillNanos, long generationNanos) {
    public enum StopReason {
        /** The model produced an end-of-generation token. */
        END_OF_GENERATION,
        /** The new-token budget was used up. */
        TOKEN_LIMIT,
        /** The context window is full. */
        CONTEXT_FULL,
        /** A caller-supplied stop condition matched. */
        STOP_SEQUENCE
    }

    /** Prompt tokens decoded per second of prefill (the reused prefix not counted). */
    public double prefillTokensPerSecond() {
        return prefillNanos == 0 ? 0 : (promptTokens - cachedPromptTokens) * 1e9 / prefillNanos;
    }

    /** New tokens per second after the prefill. */
    public double generationTokensPerSecond() {
        return generationNanos == 0 ? 0 : tokens.length * 1e9 / generationNanos;
    }
}
