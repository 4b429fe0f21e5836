package xcot.methods.removal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which sentences of a prose chain of thought play an answer role, the sentences the paper's filter prompt calls
 * "answer sentences" ("directly states the final answer, solution, result, or conclusion"). The rules look at what a
 * sentence does, not at one model's phrasing:
 * <ol>
 *   <li><b>The final value.</b> The chain's conclusion is the last value stated as a result in a concluding sentence
 *       (one with {@code so}, {@code therefore}, {@code total}, {@code answer}, ... that is not a hypothesis or a
 *       question); a chain without one (cut off, or a bare chain of steps) ends on the last value it states as a
 *       result.</li>
 *   <li><b>The closing part.</b> The chain reaches its conclusion at the first concluding sentence that states the
 *       final value (a value within rounding of it); for a small integer, such as a score, the sentence must also say
 *       it is a total or the answer, because sub-scores share those values. Everything from there on is the
 *       result, its verification and its restatements, and goes.</li>
 *   <li><b>Restating the value.</b> Before the closing part, a sentence that states the final value as a result
 *       goes too ({@code 330 / 0.766 ≈ 430.8} where the answer is 431).</li>
 *   <li><b>Answer statements</b> anywhere: {@code answer}, {@code final}, {@code \boxed}, {@code in conclusion}.</li>
 * </ol>
 * Intermediate results that are not the final value stay: they are the hints the condition keeps.
 */
public final class SentenceRoles {
    private static final Pattern CONCLUDING = Pattern.compile("\\b(?:so|therefore|thus|hence|then|answer|final(?:ly)?"
            + "|total|overall|altogether|in (?:summary|conclusion)|sum|adding|added|tally|comes? to|result|go with"
            + "|going with|settle on|stick with)\\b|\\\\boxed", Pattern.CASE_INSENSITIVE);
    /** Says a value is the whole result: a total, a sum, the answer. */
    private static final Pattern TOTAL = Pattern.compile("\\b(?:total|sum|summ?ing|adding|added|add up|tally|overall"
            + "|altogether|answer|final|score is|points? in total)\\b|\\\\boxed", Pattern.CASE_INSENSITIVE);
    private static final Pattern HYPOTHETICAL =
            Pattern.compile("\\b(?:if|suppose|assuming|unless|whether)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANSWER =
            Pattern.compile("\\b(?:answer|final)\\b|\\\\boxed|\\bin conclusion\\b", Pattern.CASE_INSENSITIVE);

    private SentenceRoles() {}

    /** For each sentence, whether it plays an answer role and is to be removed. */
    public static boolean[] answerSentences(List<String> sentences) {
        int n = sentences.size();
        Optional<FinalValue> conclusion = finalValue(sentences);
        int closingStart = n;
        if (conclusion.isPresent()) {
            for (int i = 0; i < n; i++) {
                if (reachesConclusion(sentences.get(i), conclusion.get())) {
                    closingStart = i;
                    break;
                }
            }
        }
        boolean[] remove = new boolean[n];
        for (int i = 0; i < n; i++) {
            String s = sentences.get(i);
            remove[i] = i >= closingStart || ANSWER.matcher(s).find()
                    || conclusion.isPresent() && StatedValues.states(s, conclusion.get().value());
        }
        return remove;
    }

    /**
     * The chain's final value.
     *
     * @param concluded whether a concluding sentence states it (rather than only the last result of a bare chain)
     */
    record FinalValue(String value, boolean concluded) {}

    static Optional<FinalValue> finalValue(List<String> sentences) {
        for (int i = sentences.size() - 1; i >= 0; i--) {
            String s = sentences.get(i);
            List<String> results = StatedValues.results(s);
            if (!results.isEmpty() && isClaim(s) && CONCLUDING.matcher(s).find()) {
                return Optional.of(new FinalValue(results.getLast(), true));
            }
        }
        for (int i = sentences.size() - 1; i >= 0; i--) {
            String s = sentences.get(i);
            List<String> results = StatedValues.results(s);
            if (!results.isEmpty() && isClaim(s)) {
                return Optional.of(new FinalValue(results.getLast(), false));
            }
        }
        return Optional.empty();
    }

    private static boolean reachesConclusion(String sentence, FinalValue conclusion) {
        if (!isClaim(sentence) || !StatedValues.states(sentence, conclusion.value())) {
            return false;
        }
        if (!conclusion.concluded()) {
            return true;
        }
        return CONCLUDING.matcher(sentence).find()
                && (!StatedValues.isSmallInteger(conclusion.value()) || TOTAL.matcher(sentence).find());
    }

    /** Neither a hypothesis ("if it were 2, ...") nor a question ("so 3 points?"). */
    private static boolean isClaim(String sentence) {
        return !HYPOTHETICAL.matcher(sentence).find() && !sentence.stripTrailing().endsWith("?");
    }
}
