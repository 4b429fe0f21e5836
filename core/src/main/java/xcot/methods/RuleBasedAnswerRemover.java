package xcot.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xcot.tasks.BenchmarkKind;

/**
 * A deterministic answer remover, used when no filter model is configured (and in tests). It splits the CoT into
 * segments (sentences, lines, comma- or semicolon-separated clauses, and arithmetic steps ending in {@code = number})
 * and drops every segment that either uses a conclusion word ({@code answer}, {@code final}, {@code therefore},
 * {@code thus}, ...) or contains the CoT's conclusion, taken to be the last number it mentions. What remains keeps its
 * original wording, order and separators. It over-removes rather than leaving an answer in: a hint that happens to
 * contain the final number goes too.
 */
public final class RuleBasedAnswerRemover implements AnswerRemover {
    private static final Pattern BOUNDARY = Pattern.compile(
            "(?<=[.!?])\\s+|\\s*\\n+\\s*|\\s+,\\s+|,\\s+|;\\s*|(?<==\\s?-?\\d{1,12}(?:\\.\\d{1,12})?)\\s+");
    private static final Pattern CUE = Pattern.compile(
            "\\b(?:answers?|final(?:ly)?|therefore|thus|hence|conclusion|conclude|so the|result is|in total|total is)\\b");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    @Override
    public String id() {
        return "rules-v1";
    }

    @Override
    public String remove(String cot, BenchmarkKind kind) {
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
    static List<String[]> segments(String text) {
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
