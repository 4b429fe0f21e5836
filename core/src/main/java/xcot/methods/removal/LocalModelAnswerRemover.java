package xcot.methods.removal;

import java.util.Objects;
import xcot.methods.Budget;
import xcot.methods.Generated;
import xcot.methods.GenerationRequest;
import xcot.methods.PromptInput;
import xcot.methods.SamplingSpec;
import xcot.methods.Stage;
import xcot.methods.TextGenerator;
import xcot.profiles.ModelProfile;
import xcot.profiles.RenderOptions;
import xcot.profiles.ThinkingFormat;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.TaskPrompt;

/**
 * The paper's filter prompt ({@link FilterPrompt}, verbatim) run greedily by a local model the user names, with the
 * paper's post-processing: the input is the CoT's thinking span and the reply passes through the same extractor. If
 * the filter model thinks before answering, only what follows its end-of-thinking marker is its reply; a model that
 * opened its thinking and never closed it within the token budget has given no reply, which is an error (the run
 * stops and nothing is cached) rather than its thinking taken for the sanitized CoT.
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
        ThinkingFormat thinking = profile.thinking(kind, Quirks.fixed());
        int end = output.indexOf(thinking.answerStart());
        if (end >= 0) {
            output = output.substring(end + thinking.answerStart().length());
        } else if (prompt.stripTrailing().endsWith(thinking.open()) || output.contains(thinking.open())) {
            throw new AnswerRemovalException("the filter model did not finish thinking within " + maxTokens
                    + " tokens, so it gave no reply; raise answer-removal max-tokens", null);
        }
        return FilterPrompt.extract(kind, output).strip();
    }
}
