package xcot.tasks.induction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Instruction Induction's reading of a transcript's chain of thought ({@code extract_thinking} of its scripts). */
public final class InductionTranscripts {
    private InductionTranscripts() {}

    /**
     * The span between the first opening and the next closing marker; {@code ""} when only the opening marker occurs;
     * the whole transcript when neither does.
     */
    public static String thinking(String transcript, String open, String close) {
        Matcher pair = Pattern.compile(Pattern.quote(open) + "(.*?)" + Pattern.quote(close), Pattern.DOTALL)
                .matcher(transcript);
        if (pair.find()) {
            return pair.group(1);
        }
        if (transcript.contains(open)) {
            return "";
        }
        return transcript;
    }
}
