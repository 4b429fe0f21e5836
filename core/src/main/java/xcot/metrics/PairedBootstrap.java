package xcot.metrics;

import java.util.List;

/**
 * The difference of a setting's consistency and mean accuracy between two runs of it, with a paired bootstrap 95 %
 * interval: each resample draws the items once and weights both runs' per-item tables with the same draw, so the
 * interval reflects the variation of the difference over items rather than of each run on its own.
 */
public final class PairedBootstrap {
    /**
     * @param consistency the consistency of {@code b} minus that of {@code a}
     * @param accuracy    the mean accuracy of {@code b} minus that of {@code a}
     * @param items       items both runs scored (the resampled unit)
     */
    public record Difference(double consistencyA, double consistencyB, Estimate consistency, double accuracyA,
                             double accuracyB, Estimate accuracy, int items) {
        /** An interval that excludes zero: the change is larger than the variation over items explains. */
        public boolean consistencyChanged() {
            return excludesZero(consistency.ci95());
        }

        public boolean accuracyChanged() {
            return excludesZero(accuracy.ci95());
        }

        private static boolean excludesZero(Interval ci) {
            return ci.low() > 0 || ci.high() < 0;
        }
    }

    private PairedBootstrap() {}

    /** {@code a} and {@code b} must hold the same models and items, in the same order. */
    public static Difference difference(Setting a, Setting b, AgreementRule rule, BootstrapSpec spec) {
        if (!a.models().equals(b.models()) || !a.itemIds().equals(b.itemIds())) {
            throw new IllegalArgumentException("paired settings need the same models and items in the same order");
        }
        ItemTable consistencyA = Tables.consistency(a, rule);
        ItemTable consistencyB = Tables.consistency(b, rule);
        ItemTable accuracyA = Tables.accuracy(a);
        ItemTable accuracyB = Tables.accuracy(b);
        int items = a.itemIds().size();
        int[] all = Bootstrap.identity(items);
        return new Difference(
                consistencyA.mean(all), consistencyB.mean(all),
                estimate(items, spec, List.of(consistencyA, consistencyB)),
                accuracyA.mean(all), accuracyB.mean(all),
                estimate(items, spec, List.of(accuracyA, accuracyB)), items);
    }

    private static Estimate estimate(int items, BootstrapSpec spec, List<ItemTable> ab) {
        int[] all = Bootstrap.identity(items);
        return new Estimate(ab.get(1).mean(all) - ab.get(0).mean(all),
                Bootstrap.percentile95(items, spec, counts -> ab.get(1).mean(counts) - ab.get(0).mean(counts)));
    }
}
