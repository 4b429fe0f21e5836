package xcot.tasks.induction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQuAD-style token F1: the harmonic mean of precision and recall of the whitespace tokens the two texts share
 * (counted with multiplicity). Two empty texts score 1, one empty text 0. Symmetric.
 */
public final class TokenF1Scorer implements SimilarityScorer {
    @Override
    public String name() {
        return "token-f1";
    }

    @Override
    public double similarity(String candidate, String reference) {
        List<String> predicted = InductionScoring.splitWhitespace(candidate);
        List<String> gold = InductionScoring.splitWhitespace(reference);
        if (predicted.isEmpty() || gold.isEmpty()) {
            return predicted.isEmpty() && gold.isEmpty() ? 1.0 : 0.0;
        }
        Map<String, Integer> goldCounts = new HashMap<>();
        gold.forEach(t -> goldCounts.merge(t, 1, Integer::sum));
        int same = 0;
        for (String token : predicted) {
            Integer left = goldCounts.get(token);
            if (left != null && left > 0) {
                same++;
                goldCounts.put(token, left - 1);
            }
        }
        if (same == 0) {
            return 0.0;
        }
        double precision = (double) same / predicted.size();
        double recall = (double) same / gold.size();
        return 2 * precision * recall / (precision + recall);
    }
}
