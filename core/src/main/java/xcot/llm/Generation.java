package xcot.llm;

/**
 * The result of one generation.
 *
 * @param tokens the generated token ids (the stop token excluded)
 * @param text the generated tokens detokenized
 * @param stopReason why generation ended
 * @param promptTokens how many prompt tokens were decoded first
 * @param decodeNanos wall time spent in decode calls (prompt and generation)
 */
public record Generation(int[] tokens, String text, StopReason stopReason, int promptTokens, long decodeNanos) {
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

    public double tokensPerSecond() {
        return decodeNanos == 0 ? 0 : (promptTokens + tokens.length) * 1e9 / decodeNanos;
    }
}
