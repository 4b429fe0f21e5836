package xcot.methods;

import java.util.List;

/** How many new tokens one generation may produce. */
public sealed interface Budget {
    /** The reference's cap on every budget ({@code min(32768, ...)}, quirk Q7). */
    int REFERENCE_CAP_TOKENS = 32768;

    /** A fixed number of new tokens (the fixed default of Q7). */
    record Fixed(int tokens) implements Budget {
        public Fixed {
            if (tokens < 1) {
                throw new IllegalArgumentException("budget must be positive, not " + tokens);
            }
        }
    }

    /**
     * The reference's prompt-inclusive budget (Q7): {@code min(32768, P + constantTokens + Σ tokens(alsoCount))}, where
     * P is the length of this generation's prompt in tokens. An inserted CoT also counts the rendered prompt again:
     * {@code P_with_cot + 100 + P + 4096}.
     */
    record PromptInclusive(int constantTokens, List<String> alsoCount) implements Budget {
        public PromptInclusive {
            alsoCount = List.copyOf(alsoCount);
        }
    }

    /** A stable text form, part of cache keys (the counted texts enter through their own token counts). */
    default String key() {
        return switch (this) {
            case Fixed f -> "fixed(" + f.tokens() + ")";
            case PromptInclusive p -> "prompt+" + p.constantTokens() + "+" + p.alsoCount().size() + "texts";
        };
    }
}
