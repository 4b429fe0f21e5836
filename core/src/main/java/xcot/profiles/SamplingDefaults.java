package xcot.profiles;

/**
 * A model's sampling parameters for the Sampled condition, pinned explicitly instead of read silently from a
 * {@code generation_config.json} (quirk Q25). The reference passes only {@code temperature=1.0}; top-k and top-p come
 * from the model's generation config, falling back to the Hugging Face defaults top-k 50, top-p 1.0.
 *
 * @param temperature the Sampled condition's temperature (1.0 in the paper)
 * @param topK        0 or less keeps all tokens
 * @param topP        in (0, 1]
 * @param minP        in [0, 1); 0 (every published config here) is off
 * @param source      where the values come from, for {@code xcot models inspect}
 */
public record SamplingDefaults(float temperature, int topK, float topP, float minP, String source) {
    public SamplingDefaults {
        if (!(minP >= 0 && minP < 1)) {
            throw new IllegalArgumentException("min-p must be in [0, 1), not " + minP);
        }
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, not " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], not " + topP);
        }
    }

    /** Without min-p, as every published generation config here. */
    public SamplingDefaults(float temperature, int topK, float topP, String source) {
        this(temperature, topK, topP, 0, source);
    }

    /** Hugging Face's {@code generate} defaults with the paper's temperature 1.0. */
    public static SamplingDefaults huggingFaceDefaults(String source) {
        return new SamplingDefaults(1.0f, 50, 1.0f, source);
    }

    public SamplingDefaults with(Float temperature, Integer topK, Float topP, Float minP) {
        boolean changed = temperature != null || topK != null || topP != null || minP != null;
        return new SamplingDefaults(temperature != null ? temperature : this.temperature,
                topK != null ? topK : this.topK, topP != null ? topP : this.topP, minP != null ? minP : this.minP,
                changed ? "run config" : source);
    }
}
