package xcot.metrics;

import java.util.List;
import java.util.Optional;

/**
 * Everything {@code xcot score} reports for one setting.
 *
 * @param models      the participants, in input order
 * @param items       number of items
 * @param missing     (model, item) cells without an answer, scored as failed
 * @param pairs       pairwise consistency, one entry per unordered model pair
 * @param consistency mean ± population std of the pair rates, with a bootstrap interval over items
 * @param accuracy    per-model accuracy (mean credit over all items; failures count as 0)
 * @param accuracyMean mean ± std of the per-model accuracies
 * @param breakdown   consistent-correct / consistent-wrong / inconsistent
 * @param nWay        all-models agreement and Fleiss' kappa; empty for graded (similarity) rules
 */
public record SettingReport(
        List<String> models,
        int items,
        int missing,
        List<PairRate> pairs,
        Summary consistency,
        List<ModelRate> accuracy,
        Summary accuracyMean,
        Breakdown breakdown,
        Optional<NWayAgreement> nWay) {
    public SettingReport {
        models = List.copyOf(models);
        pairs = List.copyOf(pairs);
        accuracy = List.copyOf(accuracy);
    }
}
