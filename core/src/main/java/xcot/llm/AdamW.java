package xcot.llm;

/**
 * The AdamW hyper-parameters of one optimizer step, as ggml's {@code ggml_opt_optimizer_params.adamw} takes them.
 * Validated here because ggml aborts the process on values outside its ranges (learning rate not positive, betas
 * outside [0, 1], negative epsilon, weight decay outside [0, 1]); betas of exactly 1 are refused too, because ggml's
 * bias correction {@code 1 / (1 - beta^t)} divides by zero for them. Bias correction itself is ggml's business: it
 * keeps its own step counter.
 *
 * @param learningRate {@code alpha}, > 0 and finite
 * @param beta1        first-moment decay, in [0, 1)
 * @param beta2        second-moment decay, in [0, 1)
 * @param epsilon      added to the denominator, >= 0 and finite
 * @param weightDecay  decoupled weight decay per step, in [0, 1]
 */
public record AdamW(float learningRate, float beta1, float beta2, float epsilon, float weightDecay) {
    public AdamW {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("AdamW learning rate must be positive and finite, not " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("AdamW betas must be in [0, 1), not " + beta1 + "/" + beta2);
        }
        if (!(epsilon >= 0) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException("AdamW epsilon must be >= 0 and finite, not " + epsilon);
        }
        if (!(weightDecay >= 0 && weightDecay <= 1)) {
            throw new IllegalArgumentException("AdamW weight decay must be in [0, 1], not " + weightDecay);
        }
    }

    /** Betas 0.9 / 0.99, epsilon 1e-8, no weight decay: the toy zoo's setting. */
    public static AdamW withLearningRate(float learningRate) {
        return new AdamW(learningRate, 0.9f, 0.99f, 1e-8f, 0f);
    }
}
