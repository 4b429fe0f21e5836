package xcot.methods.ensemble;

import java.util.List;
import xcot.llm.SamplerStep;
import xcot.methods.SamplerChain;
import xcot.methods.SamplerOrder;
import xcot.methods.SamplingSpec;

/**
 * How a generator samples its continuations: the ensemble passes {@code top_k = 50}, and temperature and top-p come
 * from each model's {@code generation_config.json} (pinned explicitly, quirk Q25). The seed is reset before every
 * proposal, so one context always yields the same samples (the reference calls {@code set_seed(42)} before every
 * {@code generate}).
 *
 * @param topK keep the {@code topK} most likely tokens; 0 keeps all
 * @param temperature divide logits by this; must be positive
 * @param topP nucleus mass in (0, 1]; 1 disables it
 * @param seed base seed; sample slot {@code s} draws from its own generator seeded {@code seed + s} (mod 2^32)
 */
public record Sampling(int topK, float temperature, float topP, long seed) {
    public Sampling {
        if (topK < 0) throw new IllegalArgumentException("topK must be >= 0, not " + topK);
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, not " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be in (0, 1], not " + topP);
    }

    /** The ensemble's {@code do_sample=True, top_k=50} with HF's defaults for the rest (T = 1, top-p = 1), seed 42. */
    public static Sampling ensembleDefault() {
        return new Sampling(50, 1.0f, 1.0f, 42);
    }

    public Sampling withTemperature(float t) {
        return new Sampling(topK, t, topP, seed);
    }

    public Sampling withTopP(float p) {
        return new Sampling(topK, temperature, p, seed);
    }

    public Sampling withSeed(long s) {
        return new Sampling(topK, temperature, topP, s);
    }

    /**
     * The llama.cpp chain for sample slot {@code slot}: {@link #forSlot}'s, built by {@link SamplerChain} in Hugging
     * Face's order (temperature, top-k, top-p, then the seeded draw), as the reference's {@code generate} sampled.
     */
    public List<SamplerStep> steps(int slot) {
        return SamplerChain.of(forSlot(slot));
    }

    /** The sampling of slot {@code slot}: these values, the seed {@code seed + slot} (mod 2^32). */
    public SamplingSpec.Sampled forSlot(int slot) {
        return new SamplingSpec.Sampled(temperature, topK, topP, (seed + slot) & 0xFFFFFFFFL, SamplerOrder.HUGGING_FACE);
    }
}
