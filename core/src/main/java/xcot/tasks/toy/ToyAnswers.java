package xcot.tasks.toy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a toy transcript ({@code <think> CHAIN </think> ANSWER}): the thinking span, the answer (the last number
 * after the last {@code </think>}) and well-formedness (exactly that shape, in one of the {@link CotStyle}s).
 */
public final class ToyAnswers {
    public static final String THINK_OPEN = "<think>";
    public static final String THINK_CLOSE = "</think>";

    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern SHAPE = Pattern.compile(
            Pattern.quote(THINK_OPEN) + " (.*) " + Pattern.quote(THINK_CLOSE) + " (\\d{1,9})");

    private ToyAnswers() {}

    /**
     * The answer: the last number after the last {@code </think>}, without leading zeros; empty when the thinking
     * block is never closed or no number follows it.
     */
    public static Optional<String> answer(String transcript) {
        int close = transcript.lastIndexOf(THINK_CLOSE);
        if (close < 0) {
            return Optional.empty();
        }
        Matcher m = NUMBER.matcher(transcript).region(close + THINK_CLOSE.length(), transcript.length());
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        if (last == null) {
            return Optional.empty();
        }
        return Optional.of(withoutLeadingZeros(last));
    }

    /** The last number in {@code cot}, without leading zeros: the conclusion a chain of thought reaches. */
    public static Optional<String> conclusion(String cot) {
        Matcher m = NUMBER.matcher(cot);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return Optional.ofNullable(last).map(ToyAnswers::withoutLeadingZeros);
    }

    private static String withoutLeadingZeros(String digits) {
        return digits.replaceFirst("^0+(?=\\d)", "");
    }

    /** The text between the first {@code <think>} and the {@code </think>} after it, trimmed; empty if unclosed. */
    public static Optional<String> thinking(String transcript) {
        int open = transcript.indexOf(THINK_OPEN);
        if (open < 0) {
            return Optional.empty();
        }
        int close = transcript.indexOf(THINK_CLOSE, open + THINK_OPEN.length());
        if (close < 0) {
            return Optional.empty();
        }
        return Optional.of(transcript.substring(open + THINK_OPEN.length(), close).strip());
    }

    /**
     * Whether a generation is exactly {@code <think> CHAIN </think> N}: a two-step chain in one of the styles and one
     * number, single spaces, nothing before or after. (The number need not equal the chain's conclusion.)
     */
    public static boolean isWellFormed(String generation) {
        return styleOf(generation).isPresent();
    }

    /** The style of a well-formed generation's chain; empty when the generation is not well-formed. */
    public static Optional<CotStyle> styleOf(String generation) {
        Matcher m = SHAPE.matcher(generation);
        if (!m.matches()) {
            return Optional.empty();
        }
        String chain = m.group(1);
        for (CotStyle style : CotStyle.values()) {
            if (style.isChain(chain)) {
                return Optional.of(style);
            }
        }
        return Optional.empty();
    }
}
