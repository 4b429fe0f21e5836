package xcot.tasks;

import xcot.metrics.AgreementRule;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.tasks.induction.InductionScoring;
import xcot.tasks.induction.TokenF1Scorer;

/**
 * Facts about benchmarks that are needed from a record's benchmark name alone (e.g. by {@code xcot score}, which
 * reads files without a run): the one place that decides how answers of a benchmark agree.
 */
public final class Benchmarks {
    private Benchmarks() {}

    /**
     * Instruction Induction answers agree by similarity (token F1 of the consistency-normalized instructions);
     * every other benchmark's by the reference rule (equal strings or both correct).
     */
    public static AgreementRule agreementRule(String benchmark, Quirks options) {
        if (benchmark.equals(InductionScoring.BENCHMARK)) {
            TokenF1Scorer scorer = new TokenF1Scorer();
            return AgreementRule.similarity((a, b) -> InductionScoring.consistency(a, b, scorer));
        }
        return AgreementRule.equalOrBothCorrect(options.has(Quirk.LENIENT_CONSISTENCY));
    }
}
