package xcot.runs.config;

import java.util.Objects;
import java.util.Optional;

/**
 * How CoTs lose their answer sentences for the without-answer conditions.
 *
 * @param method    {@code rules} (deterministic, default), {@code model} (the spec's filter prompt on a local model)
 *                  or {@code http} (an OpenAI-compatible endpoint from the environment)
 * @param model     the filter model, for {@code model}
 * @param maxTokens new-token budget of one local filter call
 * @param timeoutSeconds the longest one {@code http} request may take (each try of it)
 */
public record AnswerRemovalConfig(Method method, Optional<ModelConfig> model, int maxTokens, int timeoutSeconds) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;

    public enum Method { RULES, MODEL, HTTP }

    public AnswerRemovalConfig {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(model, "model");
        if (method == Method.MODEL && model.isEmpty()) {
            throw new IllegalArgumentException("answer-removal method 'model' needs a model");
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("answer-removal timeout must be at least 1 s, not " + timeoutSeconds);
        }
    }

    /** The filter model, if any, decoding {@code sequences} at once. */
    public AnswerRemovalConfig withParallel(int sequences) {
        return new AnswerRemovalConfig(method, model.map(m -> m.withParallel(sequences)), maxTokens,
                timeoutSeconds);
    }

    public static AnswerRemovalConfig rules() {
        return new AnswerRemovalConfig(Method.RULES, Optional.empty(), 2048, DEFAULT_TIMEOUT_SECONDS);
    }
}
