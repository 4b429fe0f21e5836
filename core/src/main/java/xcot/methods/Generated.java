package xcot.methods;

import java.util.Objects;

/**
 * The result of one generation.
 *
 * @param tokens       the generated token ids (the stop token excluded)
 * @param text         the generated tokens decoded
 * @param stopReason   why it ended
 * @param promptTokens tokens in the prompt
 * @param budgetTokens the new-token budget it ran under (after resolving a prompt-inclusive budget)
 */
public record Generated(int[] tokens, String text, StopReason stopReason, int promptTokens, int budgetTokens) {
    public Generated {
        tokens = tokens.clone();
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(stopReason, "stopReason");
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    public int tokenCount() {
        return tokens.length;
    }
}
