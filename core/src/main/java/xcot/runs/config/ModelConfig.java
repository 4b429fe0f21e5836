package xcot.runs.config;

import java.util.Objects;
import java.util.Optional;
import xcot.profiles.ModelFamily;
import xcot.profiles.ReasoningEffort;

/**
 * One model of a run config.
 *
 * @param name            its name in records and exports (e.g. {@code Qwen/QwQ-32B}); unique in the run
 * @param profile         the prompt family; empty = detect from the GGUF
 * @param gpuLayers       layers to offload (-1 all, 0 none)
 * @param contextTokens   context window of its contexts
 * @param threads         CPU threads
 * @param temperature     Sampled temperature override
 * @param topK            Sampled top-k override
 * @param topP            Sampled top-p override
 * @param grammar         a built-in grammar name that constrains its output ({@link Grammars})
 * @param reasoningEffort gpt-oss reasoning effort (default {@code low})
 * @param line            where the model is declared, for later errors
 */
public record ModelConfig(
        String name,
        ModelSource source,
        Optional<ModelFamily> profile,
        int gpuLayers,
        int contextTokens,
        int threads,
        Optional<Float> temperature,
        Optional<Integer> topK,
        Optional<Float> topP,
        Optional<String> grammar,
        ReasoningEffort reasoningEffort,
        int line) {
    public ModelConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(grammar, "grammar");
        Objects.requireNonNull(reasoningEffort, "reasoningEffort");
    }
}
