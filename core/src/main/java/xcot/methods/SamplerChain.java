package xcot.methods;

import java.util.ArrayList;
import java.util.List;
import xcot.llm.SamplerStep;

/**
 * The one place a {@link SamplingSpec} becomes llama.cpp sampler steps: the own-CoT and Sampled generations of a run,
 * the ensemble's proposals and {@code xcot generate} all build their chains here.
 */
public final class SamplerChain {
    private SamplerChain() {}

    /**
     * Greedy: pick the highest logit. Sampled: temperature, top-k (when {@code k > 0}), top-p (when {@code p < 1},
     * keeping at least one token, as Hugging Face does for one sequence) and min-p (when above 0) in the spec's
     * {@link SamplerOrder}, then a draw seeded with the spec's seed.
     */
    public static List<SamplerStep> of(SamplingSpec spec) {
        return switch (spec) {
            case SamplingSpec.Greedy g -> List.of(new SamplerStep.Greedy());
            case SamplingSpec.Sampled s -> sampled(s);
        };
    }

    private static List<SamplerStep> sampled(SamplingSpec.Sampled s) {
        List<SamplerStep> filters = new ArrayList<>();
        if (s.topK() > 0) {
            filters.add(new SamplerStep.TopK(s.topK()));
        }
        if (s.topP() < 1) {
            filters.add(new SamplerStep.TopP(s.topP(), 1));
        }
        if (s.minP() > 0) {
            // After top-p in both orders: Hugging Face's MinPLogitsWarper follows its TopPLogitsWarper, and llama.cpp's
            // own chain runs min-p after top-p.
            filters.add(new SamplerStep.MinP(s.minP(), 1));
        }
        List<SamplerStep> steps = new ArrayList<>();
        SamplerStep temperature = new SamplerStep.Temperature(s.temperature());
        switch (s.order()) {
            case HUGGING_FACE -> {
                steps.add(temperature);
                steps.addAll(filters);
            }
            case LLAMA_CPP -> {
                steps.addAll(filters);
                steps.add(temperature);
            }
        }
        steps.add(new SamplerStep.Distribution(s.seed()));
        return List.copyOf(steps);
    }
}
