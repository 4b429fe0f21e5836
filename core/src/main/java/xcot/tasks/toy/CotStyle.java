package xcot.tasks.toy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three ways a toy model writes its two-step chain of thought. The answer is always the chain's last number.
 * <ul>
 *   <li>{@link #PLAIN}: {@code 6+1=7 7+9=16}</li>
 *   <li>{@link #SWAP}: {@code 1+6=7 9+7=16} (each step's operands swapped)</li>
 *   <li>{@link #WORDS}: {@code 6 plus 1 is 7 , 7 plus 9 is 16}</li>
 * </ul>
 * A chain is rendered from the problem and the two values it claims ({@code firstSum}, {@code finalSum}), so the
 * corrupted chains use the same code as the true ones.
 */
public enum CotStyle {
    PLAIN("plain", "%d+%d=%d", "N\\+N=N", " "),
    SWAP("swap", "%2$d+%1$d=%3$d", "N\\+N=N", " "),
    WORDS("words", "%d plus %d is %d", "N plus N is N", " , ");

    private final String id;
    private final String step;
    private final String separator;
    private final Pattern chain;

    /**
     * @param step        the format of one step; arguments: left operand, right operand, result
     * @param stepPattern the regex of one step, {@code N} standing for a number
     */
    CotStyle(String id, String step, String stepPattern, String separator) {
        this.id = id;
        this.step = step;
        this.separator = separator;
        String oneStep = stepPattern.replace("N", "(\\d{1,9})");
        this.chain = Pattern.compile(oneStep + Pattern.quote(separator) + oneStep);
    }

    /** The name used in configs and records: {@code plain}, {@code swap}, {@code words}. */
    public String id() {
        return id;
    }

    public static CotStyle parse(String id) {
        for (CotStyle s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown CoT style '" + id + "' (plain, swap or words)");
    }

    /** The correct chain for {@code p}. */
    public String cot(ToyProblem p) {
        return chain(p, p.firstSum(), p.answer());
    }

    /** A chain claiming {@code a+b = firstSum} and {@code firstSum+c = finalSum}, true or not. */
    public String chain(ToyProblem p, int firstSum, int finalSum) {
        return chain(p, firstSum, firstSum, finalSum);
    }

    /** A chain whose second step starts from {@code carried}, which need not be the first step's result. */
    private String chain(ToyProblem p, int firstSum, int carried, int finalSum) {
        return firstStep(p, firstSum) + separator + String.format(step, carried, p.c(), finalSum);
    }

    /** The first step alone, claiming {@code a+b = firstSum}. */
    public String firstStep(ToyProblem p, int firstSum) {
        return String.format(step, p.a(), p.b(), firstSum);
    }

    /**
     * The first step followed by the separator, ready for the model to write the second step: the thinking block of
     * a forced first step is opened and left open after this text.
     */
    public String openPrefix(ToyProblem p, int firstSum) {
        return firstStep(p, firstSum) + separator;
    }

    /** The full training target after the prompt: {@code <think> CHAIN </think> ANSWER}. */
    public String completion(ToyProblem p) {
        return ToyAnswers.THINK_OPEN + " " + cot(p) + " " + ToyAnswers.THINK_CLOSE + " " + p.answer();
    }

    /** Whether {@code cot} is a two-step chain of this style (any numbers), and nothing else. */
    public boolean isChain(String cot) {
        return chain.matcher(cot).matches();
    }

    /**
     * The style whose notation {@code cot} is written in for problem {@code p}: a two-step chain of that style with
     * the problem's operands in that style's order, whatever values it claims (a wrong sum, or a carried value that
     * differs from the first result, still has a notation). Plain and swap share a pattern and differ only in operand
     * order; where the order cannot tell them apart ({@code a == b} and {@code c} equal to the carried value) the two
     * texts are identical and plain is returned. Empty when {@code cot} is no such chain.
     */
    public static Optional<CotStyle> notationOf(ToyProblem p, String cot) {
        for (CotStyle style : values()) {
            Matcher m = style.chain.matcher(cot);
            if (!m.matches()) {
                continue;
            }
            // Groups 3 and 6 are the two results in every style; the carried value's group differs (swap writes
            // the second step's operands the other way round), so each number of the chain is tried as it.
            int first = Integer.parseInt(m.group(3));
            int last = Integer.parseInt(m.group(6));
            for (int g = 1; g <= m.groupCount(); g++) {
                if (style.chain(p, first, Integer.parseInt(m.group(g)), last).equals(cot)) {
                    return Optional.of(style);
                }
            }
        }
        return Optional.empty();
    }

    /** The number a chain of this style concludes with (its last number), or empty when it is not such a chain. */
    public Optional<Integer> conclusion(String cot) {
        Matcher m = chain.matcher(cot);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(m.groupCount()))) : Optional.empty();
    }
}
