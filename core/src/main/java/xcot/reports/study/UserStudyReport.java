package xcot.reports.study;

import java.util.List;
import java.util.Optional;

/**
 * The study's analysis: mean rating per chain and criterion, the pairwise tests with their Bonferroni-corrected
 * decisions, and how the ratings relate to the chains' measured transferability.
 *
 * @param source       where the ratings were read from
 * @param participants responses with at least one rating
 * @param tests        every pair of chains for every criterion: the family the Bonferroni correction covers
 * @param alpha        the family-wise level (0.05); each test is significant below {@code alpha / tests.size()}
 * @param relation     ratings against transferability; empty with {@code relationMissing} saying why
 */
public record UserStudyReport(String source, int participants, int items, List<Mean> means, List<PairTest> tests,
                              double alpha, Optional<TransferabilityRelation> relation, String relationMissing) {
    /** @param values every rating, for the box plot */
    public record Mean(RatedCot cot, Criterion criterion, double mean, int n, double[] values) {}

    /**
     * @param n              ratings paired by participant and item
     * @param meanDifference mean of a − b
     */
    public record PairTest(Criterion criterion, RatedCot a, RatedCot b, int n, double meanDifference,
                           double tStatistic, double tP, double wilcoxonStatistic, double wilcoxonP, int tests,
                           double alpha) {
        public double tPCorrected() {
            return Math.min(1.0, tP * tests);
        }

        public double wilcoxonPCorrected() {
            return Math.min(1.0, wilcoxonP * tests);
        }

        public boolean tSignificant() {
            return tP < alpha / tests;
        }

        public boolean wilcoxonSignificant() {
            return wilcoxonP < alpha / tests;
        }
    }

    public UserStudyReport {
        means = List.copyOf(means);
        tests = List.copyOf(tests);
    }

    public double correctedAlpha() {
        return alpha / tests.size();
    }

    public Mean mean(RatedCot cot, Criterion criterion) {
        return means.stream().filter(m -> m.cot() == cot && m.criterion() == criterion).findFirst().orElseThrow();
    }
}
