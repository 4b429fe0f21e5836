package xcot.metrics;

/**
 * BERTScore (Zhang et al., ICLR 2020) as the {@code bert_score} package computes it ({@code greedy_cos_idf} in
 * {@code bert_score/utils.py}): every token vector is scaled to unit length; each candidate token is matched to its
 * most similar reference token (cosine) and each reference token to its most similar candidate token, over all
 * tokens including the sequence markers; precision and recall are the weighted means of those best cosines, with
 * each side's token weights normalized to sum 1; F1 is their harmonic mean. A side whose weights sum to 0 (an
 * empty text is only {@code [CLS] [SEP]}, weighted 0) makes F1 NaN, which {@code bert_score} reports as 0; an empty
 * candidate or reference also sets precision and recall to 0, as there.
 *
 * @param precision candidate tokens covered by the reference
 * @param recall    reference tokens covered by the candidate
 */
public record BertScore(double precision, double recall, double f1) {
    /** One text as BERTScore sees it: unit token vectors, each token's weight, and whether it is empty. */
    public record Side(float[][] unitVectors, double[] weights, boolean empty) {
        public Side {
            if (weights.length != unitVectors.length) {
                throw new IllegalArgumentException(weights.length + " weights for " + unitVectors.length + " tokens");
            }
        }
    }

    /** Scales a copy of each vector to unit length (a zero vector stays zero). */
    public static float[][] unitVectors(float[][] vectors) {
        float[][] unit = new float[vectors.length][];
        for (int t = 0; t < vectors.length; t++) {
            double norm = 0;
            for (float v : vectors[t]) {
                norm += (double) v * v;
            }
            double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
            unit[t] = new float[vectors[t].length];
            for (int d = 0; d < unit[t].length; d++) {
                unit[t][d] = (float) (vectors[t][d] * scale);
            }
        }
        return unit;
    }

    public static BertScore of(Side candidate, Side reference) {
        int n = candidate.unitVectors().length;
        int m = reference.unitVectors().length;
        double[] bestForCandidate = new double[n];
        double[] bestForReference = new double[m];
        java.util.Arrays.fill(bestForCandidate, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(bestForReference, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            float[] a = candidate.unitVectors()[i];
            for (int j = 0; j < m; j++) {
                double cos = dot(a, reference.unitVectors()[j]);
                bestForCandidate[i] = Math.max(bestForCandidate[i], cos);
                bestForReference[j] = Math.max(bestForReference[j], cos);
            }
        }
        double precision = weightedMean(bestForCandidate, candidate.weights());
        double recall = weightedMean(bestForReference, reference.weights());
        double f1 = 2 * precision * recall / (precision + recall);
        if (candidate.empty() || reference.empty()) {
            precision = 0;
            recall = 0;
        }
        return new BertScore(precision, recall, Double.isNaN(f1) ? 0 : f1);
    }

    /** {@code sum(w * x) / sum(w)}; NaN when the weights sum to 0, as in {@code bert_score}. */
    private static double weightedMean(double[] values, double[] weights) {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            sum += weights[i] * values[i];
            total += weights[i];
        }
        return sum / total;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += (double) a[d] * b[d];
        }
        return s;
    }
}
