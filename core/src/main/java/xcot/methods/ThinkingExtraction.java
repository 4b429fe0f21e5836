package xcot.methods;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xcot.profiles.ThinkingFormat;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.medcalc.AnswerExtractor;
import xcot.pycompat.PyStrings;
import xcot.tasks.toy.ToyAnswers;

/** Takes the chain of thought out of a generation, per benchmark (PAPER-SPEC §5.1, §6.3, TOY-ZOO). */
public final class ThinkingExtraction {
    private ThinkingExtraction() {}

    /**
     * The CoT of an attempt: MedCalc's {@code extract_thinking} on the whitespace-collapsed prompt and output;
     * Instruction Induction's §6.3 rule with the model's own markers; the toy task's span between {@code <think>}
     * and {@code </think>}, stripped ({@link ToyAnswers#thinking}; an inserted start of the chain included).
     */
    public static String thinking(BenchmarkKind kind, ThinkingFormat format, String promptText, String continuation) {
        return switch (kind) {
            case MEDCALC -> AnswerExtractor.thinking(PyStrings.collapseWhitespace(promptText + continuation),
                    format.open(), format.close());
            case INDUCTION -> inductionTransfer(promptText + continuation, format);
            case TOY -> ToyAnswers.thinking(promptText + continuation).orElse("");
        };
    }

    /**
     * Instruction Induction's {@code extract_thinking} (§6.3) on a source's whole decoded output: the span between
     * the first opening and the next closing marker; {@code ""} when only the opening marker occurs; the whole
     * transcript when neither does. The reference passes the target's markers (Q9); the fixed rule the source's.
     */
    public static String inductionTransfer(String sourceOutput, ThinkingFormat markers) {
        Matcher pair = Pattern.compile(Pattern.quote(markers.open()) + "(.*?)" + Pattern.quote(markers.close()),
                Pattern.DOTALL).matcher(sourceOutput);
        if (pair.find()) {
            return pair.group(1);
        }
        if (sourceOutput.contains(markers.open())) {
            return "";
        }
        return sourceOutput;
    }
}
