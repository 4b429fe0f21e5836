package xcot.llm;

/**
 * One model's computation failed, but its context stays usable and other models are untouched: a decode that
 * llama.cpp reported as failed ({@link DecodeException}), or logits that are not a probability distribution
 * ({@link InvalidLogitsException}). A caller that combines several models (the ensemble) may skip the model for that
 * step and go on, as the reference skips an evaluator that raises.
 *
 * <p>{@link DecodeException.KvCacheFull} is of this kind too, but says "no room" rather than "this model failed":
 * callers for whom that ends the work catch it (and {@link ContextOverflowException}) first.
 */
public class ModelFailureException extends LlamaException {
    public ModelFailureException(String message) {
        super(message);
    }

    public ModelFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
