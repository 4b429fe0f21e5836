package xcot.methods.removal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answer removal for a bare chain of arithmetic steps (the toy task's {@code 6+1=7 7+9=16}): it splits the chain into
 * segments (sentences, lines, comma- or semicolon-separated clauses, and steps ending in {@code = number}) and drops
 * every segment that uses a conclusion word or contains the chain's conclusion, its last number. What remains keeps
 * its wording, order and separators. This was xcot's first rule-based remover for every benchmark; prose CoTs now go
 * to {@link SentenceRoles}, which matches the paper's filter far better there (see {@link RemovalAgreement}).
 */
public final class StepChains {
    private static final Pattern BOUNDARY = Pattern.compile(
            "(?<=[.!?])\\s+|\\s*\\n+\\s*|\\s+,\\s+|,\\s+|;\\s*|(?<==\\s?-?\\d{1,12}(?:\\.\\d{1,12})?)\\s+");
    private static final Pattern CUE = Pattern.compile(
            "\\b(?:answers?|final(?:ly)?|therefore|thus|hence|conclusion|conclude|so the|result is|in total|total is)\\b");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    private StepChains() {}

    public static String remove(String cot) {
        String conclusion = null;
        Matcher numbers = NUMBER.matcher(cot);
        while (numbers.find()) {
            conclusion = numbers.group();
        }
        Pattern conclusionToken = conclusion == null ? null
                : Pattern.compile("(?<![\\d.])" + Pattern.quote(conclusion.replaceFirst("^-", "")) + "(?!\\d|\\.\\d)");
        List<String[]> kept = new ArrayList<>();
        for (String[] segment : segments(cot)) {
            String text = segment[0];
            boolean answer = CUE.matcher(text.toLowerCase(Locale.ROOT)).find()
                    || (conclusionToken != null && conclusionToken.matcher(text).find());
            if (!answer) {
                kept.add(segment);
            }
        }
        // Kept segments are joined by the separator that followed each; the last one's separator led to a removed
        // segment or to the end, so it goes.
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < kept.size(); i++) {
            out.append(kept.get(i)[0]).append(i < kept.size() - 1 ? kept.get(i)[1] : "");
        }
        return out.toString().strip();
    }

    /** Pairs of (segment text, the separator after it). */
    private static List<String[]> segments(String text) {
        List<String[]> segments = new ArrayList<>();
        Matcher m = BOUNDARY.matcher(text);
        int start = 0;
        while (m.find()) {
            if (m.start() > start) {
                segments.add(new String[] {text.substring(start, m.start()), m.group()});
            }
            start = m.end();
        }
        if (start < text.length()) {
            segments.add(new String[] {text.substring(start), ""});
        }
        return segments;
    }
}
