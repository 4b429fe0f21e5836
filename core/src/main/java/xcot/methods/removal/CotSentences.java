package xcot.methods.removal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import xcot.methods.ensemble.SentenceCut;
import xcot.methods.ensemble.SentenceRule;
import xcot.pycompat.PyStrings;

/**
 * A chain of thought cut into sentences: at the boundaries of {@link SentenceCut} under
 * {@link SentenceRule#ABBREVIATION_LIST} (so a period after a number, as in {@code = 9. Wait}, ends a sentence) and at
 * line breaks (a markdown list item or a {@code \boxed{}} line is a unit of its own). Removers drop whole sentences and
 * the measurement of {@link RemovalAgreement} counts them, so both cut the same way.
 */
public final class CotSentences {
    /** One sentence: {@code text.substring(start, end)}, without the whitespace around it. */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("empty or negative span " + start + ".." + end);
            }
        }

        public String of(String text) {
            return text.substring(start, end);
        }
    }

    private CotSentences() {}

    public static List<Span> split(String text) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int end : SentenceCut.ends(text, SentenceRule.ABBREVIATION_LIST)) {
            cuts.add(end);
        }
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            cuts.add(i + 1);
        }
        cuts.add(text.length());
        List<Span> spans = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            int start = from;
            int end = cut;
            while (start < end && PyStrings.isSpace(text.charAt(start))) {
                start++;
            }
            while (end > start && PyStrings.isSpace(text.charAt(end - 1))) {
                end--;
            }
            if (end > start) {
                spans.add(new Span(start, end));
            }
            from = cut;
        }
        return spans;
    }

    /** The texts of {@code spans}, in order. */
    public static List<String> texts(String text, List<Span> spans) {
        return spans.stream().map(s -> s.of(text)).toList();
    }

    /**
     * The kept sentences in their original order and wording, each followed by what separated it from the next
     * sentence of the text (a space, a line break), the last one by nothing.
     */
    public static String join(String text, List<Span> spans, boolean[] keep) {
        if (keep.length != spans.size()) {
            throw new IllegalArgumentException(keep.length + " keep flags for " + spans.size() + " sentences");
        }
        StringBuilder out = new StringBuilder();
        String separator = "";
        for (int i = 0; i < spans.size(); i++) {
            if (keep[i]) {
                out.append(separator).append(spans.get(i).of(text));
                separator = i + 1 < spans.size() ? text.substring(spans.get(i).end(), spans.get(i + 1).start()) : "";
            }
        }
        return out.toString();
    }
}
