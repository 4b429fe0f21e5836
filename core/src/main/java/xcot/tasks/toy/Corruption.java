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
    WRONG_FIRST_CARRIED("wrong-first-carried", "a wrong first sum carried through consistently (6+1=10 10+9=19)"),
    /** A correct first step and a wrong final sum: {@code 6+1=7 7+9=18}. */
    WRONG_FINAL_SUM("wrong-final-sum", "a correct first step and a wrong final sum (6+1=7 7+9=18)"),
    /** Only a wrong first step, the block left open: {@code 6+1=10 } and the model goes on. */
    FORCED_WRONG_FIRST("forced-wrong-first", "a wrong first step only, the thinking block left open for the model to "
            + "go on (6+1=10 ...)");

    private static final int MAX_FIRST_SUM = 18;
    private static final int MAX_ANSWER = 27;

    private final String id;
    private final String description;

    Corruption(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** One line saying what the corrupted chain is, with an example. */
    public String description() {
        return description;
    }

    /** Whether the chain is left open: the model writes the rest of it (its second step) itself. */
    public boolean leavesThinkingOpen() {
        return this == FORCED_WRONG_FIRST;
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
        boolean complete = !leavesThinkingOpen();
        return switch (this) {
            case WRONG_FIRST_CARRIED -> {
                int wrong = wrongValue(p, p.firstSum(), MAX_FIRST_SUM);
                yield new CorruptedCot(this, style, style.chain(p, wrong, wrong + p.c()), complete, wrong + p.c());
            }
            case WRONG_FINAL_SUM -> {
                int wrong = wrongValue(p, p.answer(), MAX_ANSWER);
                yield new CorruptedCot(this, style, style.chain(p, p.firstSum(), wrong), complete, wrong);
            }
            case FORCED_WRONG_FIRST -> {
                int wrong = wrongValue(p, p.firstSum(), MAX_FIRST_SUM);
                yield new CorruptedCot(this, style, style.openPrefix(p, wrong).stripTrailing(), complete,
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
