package xcot.tasks.toy;

import java.util.function.BiFunction;
import xcot.fixtures.SplitMix64;

/**
 * The corrupted-CoT generators, extra transfer conditions that measure "consistent but wrong": does a model adopt
 * a chain's wrong conclusion? Each is a function {@code (item, style) -> cot}, deterministic in the item: the wrong
 * value is the true one moved by 1-4 (direction and size from a hash of the problem number and the kind), kept in
 * the range of values the task has (first sums 0-18, answers 0-27), and never equal to the truth.
 */
public enum Corruption implements BiFunction<ToyProblem, CotStyle, CorruptedCot> {
    /** A wrong first sum carried through consistently: {@code 6+1=10 10+9=19}. */
    WRONG_FIRST_CARRIED("wrong-first-carried"),
    /** A correct first step and a wrong final sum: {@code 6+1=7 7+9=18}. */
    WRONG_FINAL_SUM("wrong-final-sum"),
    /** Only a wrong first step, the block left open: {@code 6+1=10 } and the model goes on. */
    FORCED_WRONG_FIRST("forced-wrong-first");

    private static final int MAX_FIRST_SUM = 18;
    private static final int MAX_ANSWER = 27;

    private final String id;

    Corruption(String id) {
        this.id = id;
    }

    /** The condition name in records, e.g. {@code wrong-first-carried}. */
    public String id() {
        return id;
    }

    public static Corruption parse(String id) {
        for (Corruption c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown corruption '" + id + "'");
    }

    @Override
    public CorruptedCot apply(ToyProblem p, CotStyle style) {
        return switch (this) {
            case WRONG_FIRST_CARRIED -> {
                int wrong = wrongValue(p, p.firstSum(), MAX_FIRST_SUM);
                yield new CorruptedCot(this, style, style.chain(p, wrong, wrong + p.c()), true, wrong + p.c());
            }
            case WRONG_FINAL_SUM -> {
                int wrong = wrongValue(p, p.answer(), MAX_ANSWER);
                yield new CorruptedCot(this, style, style.chain(p, p.firstSum(), wrong), true, wrong);
            }
            case FORCED_WRONG_FIRST -> {
                int wrong = wrongValue(p, p.firstSum(), MAX_FIRST_SUM);
                yield new CorruptedCot(this, style, style.openPrefix(p, wrong).stripTrailing(), false,
                        wrong + p.c());
            }
        };
    }

    /** {@code truth} moved by 1-4 within {@code [0, max]}; the move depends only on the problem and this kind. */
    int wrongValue(ToyProblem p, int truth, int max) {
        long h = SplitMix64.mix(p.number() * SplitMix64.GOLDEN_GAMMA + ordinal() + 1);
        int size = 1 + (int) ((h >>> 1) % 4);
        int wrong = (h & 1) == 0 ? truth + size : truth - size;
        if (wrong < 0 || wrong > max) {
            wrong = 2 * truth - wrong; // the other direction, which fits because max >= 8
        }
        return wrong;
    }
}
