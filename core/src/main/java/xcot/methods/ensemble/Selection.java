package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One iteration's choice (docs/reference-pipeline.md §9 step 4): candidates are aggregated per distinct string in
 * insertion order (duplicates collapse to their first position), each scored by the mean perplexity over the evaluators
 * that succeeded, and the first minimum wins, exactly as Python's {@code min(scores, key=scores.get)} picks it (a NaN
 * is never less than anything, so it neither wins against nor loses to what came before it).
 */
final class Selection {
    private Selection() {}

    /** The distinct candidate texts, in order of first appearance. */
    static List<String> distinctTexts(List<Candidate> candidates) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            seen.putIfAbsent(c.text(), Boolean.TRUE);
        }
        return new ArrayList<>(seen.keySet());
    }

    /**
     * Mean perplexity per distinct text over the evaluators that produced scores.
     *
     * @param meanNllByEvaluator per evaluator, the mean NLL of each distinct text, or null if that evaluator failed
     * @return null if every evaluator failed
     */
    static double[] meanPerplexities(List<double[]> meanNllByEvaluator, int distinctCount) {
        double[] sum = new double[distinctCount];
        int evaluators = 0;
        for (double[] nll : meanNllByEvaluator) {
            if (nll == null) {
                continue;
            }
            evaluators++;
            for (int i = 0; i < distinctCount; i++) {
                sum[i] += Math.exp(nll[i]);
            }
        }
        if (evaluators == 0) {
            return null;
        }
        for (int i = 0; i < distinctCount; i++) {
            sum[i] /= evaluators;
        }
        return sum;
    }

    /** Index of the first minimum under Python's comparison semantics. */
    static int firstMinimum(double[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] < scores[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The generator credited with {@code text}: the first whose samples contain it. */
    static int creditedGenerator(List<Candidate> candidates, String text) {
        for (Candidate c : candidates) {
            if (c.text().equals(text)) {
                return c.generator();
            }
        }
        throw new IllegalArgumentException("no candidate has the text " + text);
    }
}
