package xcot.llm;

import xcot.kernel.NonFiniteLogitsException;

/**
 * A decode produced a logits row that is not a distribution (a NaN, a +∞, or −∞ everywhere): the model or its
 * decode went wrong. Raised where the logits are read ({@link Logits}), with the model and the decode named; the
 * kernel's {@link NonFiniteLogitsException} is the cause.
 */
public final class InvalidLogitsException extends ModelFailureException {
    InvalidLogitsException(String model, long decodeNumber, NonFiniteLogitsException cause) {
        super(model + ": decode " + decodeNumber + ": " + cause.getMessage(), cause);
    }
}
