package xcot.tasks.medcalc;

import xcot.tasks.Completion;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xcot.pycompat.PyStrings;
import xcot.reference.Quirk;
import xcot.reference.Quirks;

/**
 * Finds the answer string in a MedCalc generation (genex {@code extract_answer}, first half; docs/reference-pipeline.md
 * §5.1, §5.2). Patterns use Python's {@code re} semantics: {@code .} stops only at {@code \n} ({@link
 * Pattern#UNIX_LINES}), {@code \s} is Python's Unicode whitespace, {@code \d} any Unicode decimal digit.
 */
public final class AnswerExtractor {
    /** Extraction found nothing, or only an echo of the prompt's placeholder. */
    public static final String NOT_FOUND = "Not Found";
    /** The reference's {@code extract_thinking} result when no opening marker exists. */
    public static final String NO_THOUGHTS = "No Thoughts";
    public static final String NO_EXPLANATION = "No Explanation";

    private static final String S = PyStrings.SPACE_CLASS;
    private static final Pattern ANSWER = Pattern.compile(
            "[Aa]nswer.*?:" + S + "*[\"“”]?(.*?)(?:[\"“”]?" + S + "*[}\\n]|$)", Pattern.UNIX_LINES);
    private static final Pattern EXPLANATION = Pattern.compile(
            "\"step_by_step_thinking\":" + S + "*\"([^\"]+)\"" + S + "*," + S + "*\"[Aa]nswer\"", Pattern.UNIX_LINES);
    private static final String GPT_OSS_FINAL = "assistantfinal";

    private AnswerExtractor() {}

    /** The answer string of a generation, or {@link #NOT_FOUND}. */
    public static String extract(Completion transcript, Quirks options) {
        return answerString(searchText(transcript, options));
    }

    /**
     * The text the answer regex runs over. Reference ({@code ref.answer-from-full-text}): prompt, inserted CoT and
     * continuation, whitespace-collapsed. Fixed: the continuation after the end of thinking. The gpt-oss cut keeps
     * what follows the first {@code assistantfinal}; the reference decides it by the source model
     * ({@code ref.oss-cut-by-source}), the fixed rule by the generating model.
     */
    public static String searchText(Completion transcript, Quirks options) {
        String text;
        if (options.has(Quirk.ANSWER_FROM_FULL_TEXT)) {
            text = PyStrings.collapseWhitespace(transcript.promptText() + transcript.continuation());
        } else {
            text = PyStrings.collapseWhitespace(transcript.continuation());
            String marker = transcript.answerStartMarker();
            int end = marker.isEmpty() ? -1 : text.indexOf(marker);
            if (end >= 0) {
                text = text.substring(end + marker.length());
            }
        }
        boolean cut = options.has(Quirk.OSS_CUT_BY_SOURCE) ? transcript.sourceIsGptOss() : transcript.generatorIsGptOss();
        if (cut) {
            int at = text.indexOf(GPT_OSS_FINAL);
            if (at >= 0) {
                text = text.substring(at + GPT_OSS_FINAL.length());
            }
        }
        return text;
    }

    /**
     * The last match of the answer pattern, stripped of whitespace and then of {@code "}; {@link #NOT_FOUND} when
     * nothing matches or the model echoed a placeholder of the prompt.
     */
    public static String answerString(String text) {
        Matcher m = ANSWER.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            return NOT_FOUND;
        }
        String answer = PyStrings.strip(PyStrings.strip(last), "\"");
        return switch (answer) {
            case "str(short_and_direct_answer_of_the_question)", "str(value which is the answer to the question)",
                    "X.XX" -> NOT_FOUND;
            default -> answer;
        };
    }

    /** The last {@code "step_by_step_thinking": "..."} value followed by an answer key, or {@link #NO_EXPLANATION}. */
    public static String explanation(String text) {
        Matcher m = EXPLANATION.matcher(text);
        String last = NO_EXPLANATION;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /**
     * The reference's {@code extract_thinking} on whitespace-collapsed output: the text between the first opening
     * marker and the first closing marker after it, with stray markers removed; {@code ""} when only the opening
     * marker exists (its lazy regex matches nothing); {@link #NO_THOUGHTS} when neither does. The markers come from
     * the model's profile.
     */
    public static String thinking(String collapsedText, String openMarker, String closeMarker) {
        int open = collapsedText.indexOf(openMarker);
        if (open < 0) {
            return NO_THOUGHTS;
        }
        int from = open + openMarker.length();
        int close = collapsedText.indexOf(closeMarker, from);
        if (close < 0) {
            return "";
        }
        return collapsedText.substring(from, close)
                .replace("assistantanalysis", "")
                .replace("<|end_of_thought|>", "")
                .replace("</think>", "");
    }
}
