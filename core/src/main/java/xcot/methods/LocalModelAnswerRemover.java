package xcot.methods;

import java.util.Objects;
import xcot.profiles.ModelProfile;
import xcot.profiles.RenderOptions;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.TaskPrompt;

/**
 * The spec's filter prompt ({@link FilterPrompt}) run greedily by a local model the user names. If the filter model
 * thinks before answering, only what follows its end-of-thinking marker is its output; that output then passes
 * through the reference's extractor.
 */
public final class LocalModelAnswerRemover implements AnswerRemover {
    private final TextGenerator generator;
    private final ModelProfile profile;
    private final RenderOptions render;
    private final int maxTokens;
    private final String id;

    /**
     * @param modelKey identifies the filter model's weights in the cache key (its file's sha256)
     * @param maxTokens new-token budget of one filter call
     */
    public LocalModelAnswerRemover(TextGenerator generator, ModelProfile profile, RenderOptions render, int maxTokens,
            String modelKey) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.render = Objects.requireNonNull(render, "render");
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, not " + maxTokens);
        }
        this.maxTokens = maxTokens;
        this.id = "model:" + modelKey + ":" + profile.family().id() + ":" + maxTokens;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String remove(String cot, BenchmarkKind kind) {
        String input = FilterPrompt.extract(kind, cot);
        String prompt = profile.render(TaskPrompt.userOnly(FilterPrompt.message(kind, input)), render);
        Generated g = generator.generate(new GenerationRequest(new PromptInput.Text(prompt),
                new Budget.Fixed(maxTokens), SamplingSpec.greedy(), Stage.ANSWER, false));
        String output = g.text();
        String endOfThinking = profile.thinking(kind, Quirks.fixed()).answerStart();
        int end = output.indexOf(endOfThinking);
        if (end >= 0) {
            output = output.substring(end + endOfThinking.length());
        }
        return FilterPrompt.extract(kind, output).strip();
    }
}
