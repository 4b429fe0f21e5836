package xcot.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import xcot.metrics.ScoredAnswer;
import xcot.metrics.Setting;

/**
 * Agreement of each model with a fixed counterpart, under the same rule as pairwise consistency:
 * source-vs-target consistency (each transfer target against the source model's own answers) and self-consistency
 * (each model's run against its other run, e.g. default vs sampled CoT). Items are matched by id.
 */
public final class Comparisons {
    /** Per-model rates, their mean ± std and bootstrap interval. */
    public record Report(List<ModelRate> rates, Summary summary) {}

    private Comparisons() {}

    /** Each model of {@code targets} against the same {@code source} answers. */
    public static Report sourceVsTarget(List<ScoredAnswer> source, Setting targets, AgreementRule rule,
            BootstrapSpec spec) {
        Map<String, ScoredAnswer> byItem = new HashMap<>();
        source.forEach(a -> byItem.put(a.itemId(), a));
        List<List<ScoredAnswer>> counterparts = new ArrayList<>();
        for (int m = 0; m < targets.models().size(); m++) {
            List<ScoredAnswer> row = new ArrayList<>();
            for (String item : targets.itemIds()) {
                row.add(byItem.get(item));
            }
            counterparts.add(row);
        }
        return compare(targets, counterparts, rule, spec);
    }

    /** Each model of {@code first} against the same model in {@code second}; models missing there are skipped. */
    public static Report selfConsistency(Setting first, Setting second, AgreementRule rule, BootstrapSpec spec) {
        List<List<ScoredAnswer>> counterparts = new ArrayList<>();
        for (int m = 0; m < first.models().size(); m++) {
            int other = second.models().indexOf(first.models().get(m));
            List<ScoredAnswer> row = new ArrayList<>();
            for (String item : first.itemIds()) {
                int i = second.itemIds().indexOf(item);
                row.add(other < 0 || i < 0 ? null : second.answer(other, i));
            }
            counterparts.add(row);
        }
        return compare(first, counterparts, rule, spec);
    }

    private static Report compare(Setting s, List<List<ScoredAnswer>> counterparts, AgreementRule rule,
            BootstrapSpec spec) {
        double[][] values = new double[s.models().size()][s.itemIds().size()];
        for (int m = 0; m < values.length; m++) {
            for (int i = 0; i < values[m].length; i++) {
                ScoredAnswer other = counterparts.get(m).get(i);
                OptionalDouble agreement = other == null ? OptionalDouble.empty() : rule.agreement(other, s.answer(m, i));
                values[m][i] = agreement.orElse(Double.NaN);
            }
        }
        ItemTable table = new ItemTable(s.models(), values);
        int[] all = Bootstrap.identity(s.itemIds().size());
        List<ModelRate> rates = new ArrayList<>();
        for (int m = 0; m < values.length; m++) {
            rates.add(new ModelRate(s.models().get(m), table.rowRate(m, all), (int) table.sumAndCount(m, all)[1]));
        }
        return new Report(rates, table.summary(spec));
    }
}
