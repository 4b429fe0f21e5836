package xcot.methods.removal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How closely one answer remover (the candidate) agrees with another (the reference: the paper's o4-mini filter),
 * sentence by sentence, on one chain of thought.
 *
 * <p>The original is cut into sentences ({@link CotSentences}). A sentence survives a filtered text when at least half
 * of its words are aligned to it ({@link WordAlignment}, after mapping typographic quotes and dashes to ASCII, which
 * o4-mini sometimes substitutes); otherwise it counts as removed. Whitespace does not count: o4-mini re-flows the
 * text into lines. A sentence the filter split and kept only in part thus counts by its larger part.
 */
public final class RemovalAgreement {
    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /**
     * One chain of thought.
     *
     * @param removedByReference    sentences the reference removed
     * @param removedByBoth         of those, the ones the candidate removed too
     * @param keptByReference       sentences the reference kept
     * @param keptByBoth            of those, the ones the candidate kept too
     * @param charsOriginal         characters of the original, whitespace runs counted as one
     * @param charsReference        the same for the reference's text
     * @param charsCandidate        the same for the candidate's text
     * @param answerLeftByReference whether the reference's text still mentions the answer (empty: the row has none)
     * @param answerLeftByCandidate the same for the candidate's text
     */
    public record Row(int removedByReference, int removedByBoth, int keptByReference, int keptByBoth,
            int charsOriginal, int charsReference, int charsCandidate, Optional<Boolean> answerLeftByReference,
            Optional<Boolean> answerLeftByCandidate) {}

    private RemovalAgreement() {}

    public static Row measure(String original, String reference, String candidate, Optional<AnswerValue> answer) {
        boolean[] keptByReference = keptSentences(original, reference);
        boolean[] keptByCandidate = keptSentences(original, candidate);
        int removedRef = 0;
        int removedBoth = 0;
        int keptRef = 0;
        int keptBoth = 0;
        for (int i = 0; i < keptByReference.length; i++) {
            if (keptByReference[i]) {
                keptRef++;
                keptBoth += keptByCandidate[i] ? 1 : 0;
            } else {
                removedRef++;
                removedBoth += keptByCandidate[i] ? 0 : 1;
            }
        }
        return new Row(removedRef, removedBoth, keptRef, keptBoth, collapsedLength(original),
                collapsedLength(reference), collapsedLength(candidate),
                answer.map(a -> a.isMentionedIn(reference)), answer.map(a -> a.isMentionedIn(candidate)));
    }

    /** For each sentence of {@code original}, whether it survives in {@code filtered}. */
    public static boolean[] keptSentences(String original, String filtered) {
        String text = typographyToAscii(original);
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        List<String> originalWords = words.stream().map(w -> text.substring(w[0], w[1])).toList();
        List<String> filteredWords = WORD.matcher(typographyToAscii(filtered)).results().map(r -> r.group()).toList();
        boolean[] aligned = WordAlignment.matched(originalWords, filteredWords);
        List<CotSentences.Span> sentences = CotSentences.split(text);
        boolean[] kept = new boolean[sentences.size()];
        int w = 0;
        for (int s = 0; s < sentences.size(); s++) {
            int count = 0;
            int alignedCount = 0;
            // A word belongs to the sentence its end falls in (a boundary can fall inside "Hello.World").
            while (w < words.size() && words.get(w)[1] <= sentences.get(s).end()) {
                count++;
                alignedCount += aligned[w] ? 1 : 0;
                w++;
            }
            kept[s] = 2 * alignedCount >= count;
        }
        return kept;
    }

    private static String typographyToAscii(String text) {
        return text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201C', '"').replace('\u201D', '"')
                .replace('\u2013', '-').replace('\u2014', '-').replace('\u2212', '-');
    }

    private static int collapsedLength(String text) {
        return SPACE.matcher(text.strip()).replaceAll(" ").length();
    }
}
