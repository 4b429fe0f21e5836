package xcot.llm;

import java.util.List;
import java.util.Objects;

/**
 * One generation for {@link BatchedGenerator} (or {@link Generator}): a tokenized prompt, a new-token budget, its own
 * sampler recipe (a fresh chain per request, so a seeded request gives the same tokens whatever it is batched with)
 * and its own stop condition.
 *
 * @param prompt the prompt's token ids (at least one)
 * @param maxNewTokens the new-token budget, {@code >= 0}; 0 decodes the prompt and stops with
 *                     {@link Generation.StopReason#TOKEN_LIMIT}
 * @param sampling the sampler chain's steps (the last selects: {@link SamplerStep.Greedy} or
 *                 {@link SamplerStep.Distribution})
 * @param stop checked after every token
 * @param renderSpecial whether special tokens appear in the returned text
 * @param stopAtEndOfGeneration whether an end-of-generation token ends the generation; false (benchmarks only, as
 *                              llama.cpp's {@code ignore_eos}) keeps it as an ordinary token
 */
public record SequenceRequest(int[] prompt, int maxNewTokens, List<SamplerStep> sampling, StopCondition stop,
                              boolean renderSpecial, boolean stopAtEndOfGeneration) {
    public SequenceRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(stop, "stop");
        if (prompt.length == 0) {
            throw new IllegalArgumentException("empty prompt");
        }
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0, not " + maxNewTokens);
        }
        sampling = List.copyOf(sampling);
        if (sampling.isEmpty() || !(sampling.getLast() instanceof SamplerStep.Greedy
                || sampling.getLast() instanceof SamplerStep.Distribution)) {
            throw new IllegalArgumentException("the last sampler step must select a token (Greedy or Distribution): "
                    + sampling);
        }
        prompt = prompt.clone();
    }

    /** Greedy decoding of {@code maxNewTokens} tokens, special tokens rendered, stopping at end-of-generation. */
    public static SequenceRequest greedy(int[] prompt, int maxNewTokens) {
        return new SequenceRequest(prompt, maxNewTokens, List.of(new SamplerStep.Greedy()), StopCondition.never(),
                true, true);
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    /** The prompt's length in tokens. */
    public int promptTokens() {
        return prompt.length;
    }

    /** Prompt token {@code i}, without copying the array. */
    public int promptToken(int i) {
        return prompt[i];
    }

    public SequenceRequest withSampling(List<SamplerStep> steps) {
        return new SequenceRequest(prompt, maxNewTokens, steps, stop, renderSpecial, stopAtEndOfGeneration);
    }

    public SequenceRequest withStop(StopCondition condition) {
        return new SequenceRequest(prompt, maxNewTokens, sampling, condition, renderSpecial, stopAtEndOfGeneration);
    }

    public SequenceRequest withRenderSpecial(boolean render) {
        return new SequenceRequest(prompt, maxNewTokens, sampling, stop, render, stopAtEndOfGeneration);
    }

    /** Keeps generating through end-of-generation tokens (throughput benchmarks on random-weight models). */
    public SequenceRequest ignoringEndOfGeneration() {
        return new SequenceRequest(prompt, maxNewTokens, sampling, stop, renderSpecial, false);
    }
}
