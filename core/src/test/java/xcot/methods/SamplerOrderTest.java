package xcot.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import xcot.llm.Sampler;
import xcot.llm.SamplerStep;

/**
 * The sampling order through llama.cpp's own samplers: temperature before top-p (Hugging Face's order, the default)
 * keeps a larger nucleus of a flattened distribution than top-p before temperature (llama.cpp's default order).
 */
class SamplerOrderTest {
    /**
     * Softmax of the logits is (0.636, 0.234, 0.086, 0.032, 0.012): top-p 0.8 keeps tokens 0 and 1. At temperature 2
     * it is (0.428, 0.260, 0.158, 0.096, 0.058), and top-4 then top-p 0.8 keeps tokens 0, 1 and 2.
     */
    private static final float[] LOGITS = {3f, 2f, 1f, 0f, -1f};

    private static SamplingSpec.Sampled spec(long seed, SamplerOrder order) {
        return new SamplingSpec.Sampled(2.0f, 4, 0.8f, seed, order);
    }

    @Test
    void huggingFacesOrderIsTheDefaultAndTheChainsDifferOnlyInWhereTheTemperatureGoes() {
        assertEquals(SamplerOrder.HUGGING_FACE, new SamplingSpec.Sampled(2.0f, 4, 0.8f, 7).order());
        assertEquals(List.of(new SamplerStep.Temperature(2.0f), new SamplerStep.TopK(4), new SamplerStep.TopP(0.8f, 1),
                new SamplerStep.Distribution(7)), SamplerChain.of(spec(7, SamplerOrder.HUGGING_FACE)));
        assertEquals(List.of(new SamplerStep.TopK(4), new SamplerStep.TopP(0.8f, 1), new SamplerStep.Temperature(2.0f),
                new SamplerStep.Distribution(7)), SamplerChain.of(spec(7, SamplerOrder.LLAMA_CPP)));
        assertEquals(List.of(new SamplerStep.Temperature(1.0f), new SamplerStep.Distribution(3)),
                SamplerChain.of(new SamplingSpec.Sampled(1.0f, 0, 1.0f, 3)), "top-k 0 and top-p 1 are off");
        assertEquals(List.of(new SamplerStep.Greedy()), SamplerChain.of(SamplingSpec.greedy()));
    }

    @Test
    void theOrdersDrawFromDifferentTokenSets() {
        assertEquals(Set.of(0, 1, 2), drawn(SamplerOrder.HUGGING_FACE));
        assertEquals(Set.of(0, 1), drawn(SamplerOrder.LLAMA_CPP));
    }

    @Test
    void aFixedSeedDrawsTheSameTokens() {
        for (SamplerOrder order : SamplerOrder.values()) {
            assertEquals(draws(order, 11), draws(order, 11), order.id());
        }
    }

    /** Every token drawn over 200 seeds (a token the nucleus keeps is drawn with probability at least 0.18). */
    private static Set<Integer> drawn(SamplerOrder order) {
        Set<Integer> tokens = new TreeSet<>();
        for (long seed = 0; seed < 200; seed++) {
            tokens.addAll(draws(order, seed));
        }
        return tokens;
    }

    private static List<Integer> draws(SamplerOrder order, long seed) {
        try (Sampler sampler = Sampler.chain(SamplerChain.of(spec(seed, order)), null)) {
            return List.of(sampler.sample(LOGITS), sampler.sample(LOGITS), sampler.sample(LOGITS));
        }
    }
}
