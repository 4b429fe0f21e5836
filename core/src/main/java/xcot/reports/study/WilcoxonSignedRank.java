package xcot.reports.study;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The two-sided Wilcoxon signed-rank test as {@code scipy.stats.wilcoxon} computes it by default on data with ties
 * (ratings on a 1–5 scale always have them): zero differences dropped ({@code zero_method="wilcox"}), average ranks
 * for ties, the normal approximation with the tie-corrected variance and no continuity correction. Commons Math's
 * own {@code WilcoxonSignedRankTest} ranks the zero differences and leaves out the tie correction, so it answers a
 * slightly different question; the ranking and the normal distribution come from it.
 */
public final class WilcoxonSignedRank {
    /** @param statistic the smaller of the positive and negative rank sums; {@code n} the non-zero differences */
    public record Result(double statistic, double pValue, int n) {}

    private static final NormalDistribution NORMAL = new NormalDistribution();

    private WilcoxonSignedRank() {}

    public static Result test(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " and " + y.length + " values: the test needs pairs");
        }
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                n++;
            }
        }
        if (n == 0) {
            return new Result(0, 1.0, 0);
        }
        double[] differences = new double[n];
        double[] magnitudes = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                differences[k] = x[i] - y[i];
                magnitudes[k] = Math.abs(differences[k]);
                k++;
            }
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(magnitudes);
        double positive = 0;
        double negative = 0;
        for (int i = 0; i < n; i++) {
            if (differences[i] > 0) {
                positive += ranks[i];
            } else {
                negative += ranks[i];
            }
        }
        double statistic = Math.min(positive, negative);
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0 - tieCorrection(ranks) / 48.0;
        if (variance <= 0) {
            return new Result(statistic, 1.0, n);
        }
        double z = (statistic - mean) / Math.sqrt(variance);
        return new Result(statistic, Math.min(1.0, 2 * NORMAL.cumulativeProbability(-Math.abs(z))), n);
    }

    /** Σ (t³ − t) over groups of t tied ranks. */
    private static double tieCorrection(double[] ranks) {
        double[] sorted = ranks.clone();
        java.util.Arrays.sort(sorted);
        double sum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            sum += t * t * t - t;
            i = j;
        }
        return sum;
    }
}
