package xcot.tasks.toy;

import java.util.List;

/**
 * The fixed train / held-out split of the 1,000 problems: problem {@code n = 100a + 10b + c} is held out iff
 * {@code 1 <= a+b <= 17} and the Knuth multiplicative hash {@code (n * 2654435761) mod 2^32} falls below
 * {@code floor(0.126 * 2^32)}. That holds out 123 problems. The first-sum bounds keep {@code (0,0,c)} and
 * {@code (9,9,c)} in training: their second-step facts ({@code 0+c}, {@code 18+c}) occur nowhere else, and the test
 * is meant to measure composition of facts the models have seen, not facts they have never seen.
 */
public final class ToySplit {
    /** {@code floor(0.126 * 2^32)}. */
    static final long HELD_OUT_BELOW = 541_165_879L;
    /** Knuth's multiplier {@code 2654435761}, as a 32-bit int. */
    private static final int KNUTH = 0x9E3779B1;

    private static final List<ToyProblem> HELD_OUT =
            ToyProblem.all().stream().filter(ToySplit::isHeldOut).toList();
    private static final List<ToyProblem> TRAINING =
            ToyProblem.all().stream().filter(p -> !isHeldOut(p)).toList();

    private ToySplit() {}

    public static boolean isHeldOut(ToyProblem p) {
        int firstSum = p.firstSum();
        // Multiplication wraps modulo 2^32 in int arithmetic; the comparison is on the unsigned value.
        return firstSum >= 1 && firstSum <= 17 && Integer.toUnsignedLong(p.number() * KNUTH) < HELD_OUT_BELOW;
    }

    /** The 123 held-out problems in number order: the evaluation items. */
    public static List<ToyProblem> heldOut() {
        return HELD_OUT;
    }

    /** The 877 training problems in number order. */
    public static List<ToyProblem> training() {
        return TRAINING;
    }
}
