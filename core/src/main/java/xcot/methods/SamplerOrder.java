package xcot.methods;

import java.util.Arrays;
import java.util.Optional;

/**
 * The order in which a sampled generation's filters apply. It matters: top-p keeps the smallest set of tokens whose
 * probability reaches p, and those probabilities depend on whether the temperature has already rescaled the logits
 * (a temperature above 1 flattens them, so the same p keeps more tokens). Top-k does not depend on it.
 */
public enum SamplerOrder {
    /**
     * Hugging Face transformers' order, the one the reference's {@code generate(do_sample=True)} ran: temperature,
     * then top-k, then top-p ({@code GenerationMixin._get_logits_processor}), then a draw.
     */
    HUGGING_FACE("hf"),
    /**
     * llama.cpp's default order for its own tools ({@code common_params_sampling.samplers}): top-k, then top-p, then
     * temperature, then a draw. Its sampler chain itself applies whatever order it is built in.
     */
    LLAMA_CPP("llama.cpp");

    private final String id;

    SamplerOrder(String id) {
        this.id = id;
    }

    /** The name in cache keys and on the command line. */
    public String id() {
        return id;
    }

    public static Optional<SamplerOrder> byId(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst();
    }
}
