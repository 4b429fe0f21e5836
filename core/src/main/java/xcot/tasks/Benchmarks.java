package xcot.tasks;

import xcot.metrics.AgreementRule;
import xcot.records.ScoringOptions;
import xcot.tasks.induction.InductionScoring;
import xcot.tasks.induction.Similarity;
import xcot.tasks.induction.SimilarityScorer;

/**
 * Facts about benchmarks that are needed from a record's benchmark name alone (e.g. by {@code xcot score}, which
 * reads files without a run): the one place that decides how answers of a benchmark agree.
 */
public final class Benchmarks {
    private Benchmarks() {}

    /**
     * Instruction Induction answers agree by similarity ({@link Similarity#DEFAULT} of the consistency-normalized
     * instructions); every other benchmark's by the reference rule (equal strings or both correct).
     */
    public static AgreementRule agreementRule(String benchmark, ScoringOptions options) {
        return agreementRule(benchmark, options, Similarity.DEFAULT);
    }

    /** As {@link #agreementRule(String, ScoringOptions)}, Instruction Induction with {@code similarity}. */
    public static AgreementRule agreementRule(String benchmark, ScoringOptions options, Similarity similarity) {
        if (benchmark.equals(InductionScoring.BENCHMARK)) {
            SimilarityScorer scorer = similarity.scorer();
            return AgreementRule.similarity((a, b) -> InductionScoring.consistency(a, b, scorer));
        }
        return AgreementRule.equalOrBothCorrect(options.lenientConsistency());
    }
}
