package xcot.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.metrics.Setting;

/**
 * Scores one setting: pairwise consistency (the paper's headline number), accuracy, the consistency breakdown and
 * N-way agreement, each with a seeded bootstrap interval over items. Generic over tasks: the agreement rule decides
 * what consistent means (equal-or-both-correct for MedCalc, a similarity for Instruction Induction).
 */
public final class SettingMetrics {
    private SettingMetrics() {}

    /**
     * How many bootstrap intervals {@link #score} draws for one setting under {@code rule}, each of
     * {@link BootstrapSpec#resamples()} resamples: consistency, accuracy, the three breakdown shares, and for
     * categorical rules all-agree and Fleiss' kappa.
     */
    public static int bootstraps(AgreementRule rule) {
        return rule.isCategorical() ? 7 : 5;
    }

    public static SettingReport score(Setting s, AgreementRule rule, boolean stringBreakdown, BootstrapSpec spec) {
        int[] all = Bootstrap.identity(s.itemIds().size());

        ItemTable consistency = Tables.consistency(s, rule);
        List<PairRate> pairs = new ArrayList<>();
        List<int[]> indices = Tables.pairs(s.models().size());
        for (int p = 0; p < indices.size(); p++) {
            double[] sumAndCount = consistency.sumAndCount(p, all);
            pairs.add(new PairRate(s.models().get(indices.get(p)[0]), s.models().get(indices.get(p)[1]),
                    sumAndCount[0], (int) sumAndCount[1]));
        }

        ItemTable accuracy = Tables.accuracy(s);
        List<ModelRate> perModel = new ArrayList<>();
        for (int m = 0; m < s.models().size(); m++) {
            perModel.add(new ModelRate(s.models().get(m), accuracy.rowRate(m, all), s.itemIds().size()));
        }

        ItemTable[] split = Tables.breakdown(s, rule, stringBreakdown);
        Breakdown breakdown = new Breakdown(split[0].summary(spec), split[1].summary(spec), split[2].summary(spec));

        Optional<NWayAgreement> nWay = rule.isCategorical()
                ? Optional.of(new FleissKappa(s, rule).estimate(spec))
                : Optional.empty();

        return new SettingReport(s.models(), s.itemIds().size(), s.missing(), pairs, consistency.summary(spec),
                perModel, accuracy.summary(spec), breakdown, nWay);
    }
}
