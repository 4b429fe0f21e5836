package xcot.methods.ensemble;

import java.util.Objects;

/**
 * When the ensemble stops for length, checked at the start of every iteration after the first.
 *
 * @param newTokens stop once the count reaches the first generator's prompt tokens + this; 0 = no cap
 * @param counting how the count is kept
 */
public record LengthCap(int newTokens, Counting counting) {
    /** The fixed MedCalc default (quirk Q14): the reference's cap is dead code; xcot applies it. */
    public static final int MEDCALC_NEW_TOKENS = 4096;
    /** Instruction Induction: 2,048 − 30 answer tokens. */
    public static final int INDUCTION_NEW_TOKENS = 2018;

    public LengthCap {
        Objects.requireNonNull(counting, "counting");
        if (newTokens < 0) throw new IllegalArgumentException("newTokens must be >= 0, not " + newTokens);
    }

    public enum Counting {
        /** The first generator's own context, tokenized with its own tokenizer (quirk Q18 fixed). */
        FIRST_GENERATOR_CONTEXT,
        /**
         * The reference's counter: the first generator's prompt length plus {@code len(encode(best))} of every chosen
         * chunk (stripped, no leading space) with the last evaluator's tokenizer. Flag {@code ref.count-with-evaluator}.
         */
        LAST_EVALUATOR_CHUNKS
    }

    /** No cap (flag {@code ref.no-length-cap}: the reference's MedCalc behaviour). */
    public static LengthCap none() {
        return new LengthCap(0, Counting.FIRST_GENERATOR_CONTEXT);
    }

    public static LengthCap medCalc() {
        return new LengthCap(MEDCALC_NEW_TOKENS, Counting.FIRST_GENERATOR_CONTEXT);
    }

    public static LengthCap induction() {
        return new LengthCap(INDUCTION_NEW_TOKENS, Counting.FIRST_GENERATOR_CONTEXT);
    }

    public boolean isNone() {
        return newTokens == 0;
    }
}
