package xcot.tasks.induction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import xcot.pycompat.PyStrings;
import xcot.tasks.BenchmarkKind;

/**
 * Answer extraction and the two normalizations of the paper's Instruction Induction scoring (docs/reference-pipeline.md
 * §6.2–6.5): accuracy against the gold annotations ({@code instruction-induction/evaluate.py}) and cross-model
 * consistency ({@code compare_models_bert.py}), both over a pluggable {@link SimilarityScorer}.
 */
public final class InductionScoring {
    /** Benchmark name in xcot records. */
    public static final String BENCHMARK = "induction";
    /** Appended after the (inserted or own) CoT to force the answer; note the leading space. */
    public static final String ANSWER_SUFFIX = BenchmarkKind.INDUCTION_ANSWER_SUFFIX;
    /** Tokens generated after {@link #ANSWER_SUFFIX}. */
    public static final int ANSWER_TOKENS = 30;

    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.*?)\\*\\*", Pattern.UNIX_LINES);
    private static final Pattern ITALIC = Pattern.compile("\\*(.*?)\\*", Pattern.UNIX_LINES);

    private InductionScoring() {}

    /** The model's answer: what follows the first end-of-thinking marker, stripped; the whole output without one. */
    public static String extractAnswer(String decodedOutput, String endOfThinkingMarker) {
        int at = endOfThinkingMarker.isEmpty() ? -1 : decodedOutput.indexOf(endOfThinkingMarker);
        String answer = at < 0 ? decodedOutput : decodedOutput.substring(at + endOfThinkingMarker.length());
        return PyStrings.strip(answer);
    }

    /** The accuracy normalization, applied to predictions and to every gold annotation. */
    public static String normalizeForAccuracy(String text) {
        String s = text.replace(" and ", " ").replace("Sentence 1:", " ").replace("Sentence 2:", " ")
                .replace("<|return|>", "").replace("<|im_end|>", "").replace("<|endoftext|>", "");
        s = PyStrings.strip(s);
        int think = s.lastIndexOf("<think>");
        if (think >= 0) {
            s = s.substring(think + "<think>".length());
        }
        int dot = s.indexOf('.');
        if (dot >= 0) {
            s = s.substring(0, dot);
        }
        s = s.toLowerCase(Locale.ROOT).replace('-', ' ');
        StringBuilder kept = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (ASCII_PUNCTUATION.indexOf(s.charAt(i)) < 0) {
                kept.append(s.charAt(i));
            }
        }
        return String.join(" ", splitWhitespace(kept.toString()));
    }

    /** The consistency normalization, applied to both models' instructions before comparing them. */
    public static String normalizeForConsistency(String text) {
        String s = text.replace("<|return|>", "").replace("<|im_end|>", "").replace("<|endoftext|>", "")
                .replace("<|begin_of_solution|>", "").replace("### Analysis:", "")
                .replace("**Pattern Recognition**:", "");
        s = BOLD.matcher(s).replaceAll("$1");
        s = ITALIC.matcher(s).replaceAll("$1");
        s = String.join(" ", splitWhitespace(s));
        int marker = s.lastIndexOf(ANSWER_SUFFIX.strip());
        if (marker >= 0) {
            s = PyStrings.strip(s.substring(marker + ANSWER_SUFFIX.strip().length()));
        }
        s = PyStrings.strip(PyStrings.strip(s, "\""), "'");
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * Best similarity of a prediction to any of the task's gold annotations, all accuracy-normalized; the scorer sees
     * the normalized annotations as its references (BERTScore's idf weights come from them, as in the paper).
     */
    public static double accuracy(String prediction, List<String> annotations, SimilarityScorer scorer) {
        String normalized = normalizeForAccuracy(prediction);
        List<String> references = annotations.stream().map(InductionScoring::normalizeForAccuracy).toList();
        SimilarityScorer against = scorer.forReferences(references);
        double best = 0.0;
        for (String reference : references) {
            best = Math.max(best, against.similarity(normalized, reference));
        }
        return best;
    }

    /**
     * Consistency of two models' instructions for one item: both consistency-normalized, 0 when either is shorter
     * than 3 characters, else the similarity averaged over both directions.
     */
    public static double consistency(String a, String b, SimilarityScorer scorer) {
        String x = normalizeForConsistency(a);
        String y = normalizeForConsistency(b);
        if (x.length() < 3 || y.length() < 3) {
            return 0.0;
        }
        return (scorer.similarity(x, y) + scorer.similarity(y, x)) / 2.0;
    }

    /** Python's {@code s.split()}: runs of Unicode whitespace separate tokens; no empty tokens. */
    static List<String> splitWhitespace(String s) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && PyStrings.isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && !PyStrings.isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(s.substring(start, i));
            }
        }
        return tokens;
    }
}
