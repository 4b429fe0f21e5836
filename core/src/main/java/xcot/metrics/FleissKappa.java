package xcot.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.metrics.Setting;

/**
 * N-way agreement of a setting's models under a categorical rule: the share of items where all answers fall in one
 * category, and Fleiss' kappa. Only items where no model's answer is skipped take part, since Fleiss' kappa needs
 * the same number of ratings per item.
 */
final class FleissKappa {
    /** Per counted item: category index and count pairs. */
    private final List<int[][]> itemCounts = new ArrayList<>();
    /** Original item index of each counted item (for bootstrap weights). */
    private final List<Integer> itemIndex = new ArrayList<>();
    private final int raters;
    private final int categories;
    private final int items;

    FleissKappa(Setting s, AgreementRule rule) {
        raters = s.models().size();
        items = s.itemIds().size();
        Map<String, Integer> categoryIndex = new HashMap<>();
        for (int i = 0; i < items; i++) {
            Map<Integer, Integer> counts = new HashMap<>();
            boolean complete = true;
            for (int m = 0; m < raters; m++) {
                Optional<String> category = rule.category(s.answer(m, i));
                if (category.isEmpty()) {
                    complete = false;
                    break;
                }
                int index = categoryIndex.computeIfAbsent(category.get(), k -> categoryIndex.size());
                counts.merge(index, 1, Integer::sum);
            }
            if (complete) {
                int[][] pairs = new int[counts.size()][];
                int k = 0;
                for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                    pairs[k++] = new int[] {e.getKey(), e.getValue()};
                }
                itemCounts.add(pairs);
                itemIndex.add(i);
            }
        }
        categories = categoryIndex.size();
    }

    int counted() {
        return itemCounts.size();
    }

    double allAgree(int[] weights) {
        double agree = 0;
        double total = 0;
        for (int k = 0; k < itemCounts.size(); k++) {
            int w = weights[itemIndex.get(k)];
            total += w;
            if (itemCounts.get(k).length == 1) {
                agree += w;
            }
        }
        return total == 0 ? Double.NaN : agree / total;
    }

    double kappa(int[] weights) {
        if (raters < 2) {
            return Double.NaN;
        }
        double[] categoryTotals = new double[categories];
        double observed = 0;
        double total = 0;
        for (int k = 0; k < itemCounts.size(); k++) {
            int w = weights[itemIndex.get(k)];
            if (w == 0) {
                continue;
            }
            double squares = 0;
            for (int[] pair : itemCounts.get(k)) {
                squares += (double) pair[1] * pair[1];
                categoryTotals[pair[0]] += (double) w * pair[1];
            }
            observed += w * (squares - raters) / ((double) raters * (raters - 1));
            total += w;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double meanObserved = observed / total;
        double expected = 0;
        for (double t : categoryTotals) {
            double p = t / (total * raters);
            expected += p * p;
        }
        // All ratings in one category: chance agreement is 1 and kappa is undefined.
        return expected >= 1.0 - 1e-12 ? Double.NaN : (meanObserved - expected) / (1.0 - expected);
    }

    NWayAgreement estimate(BootstrapSpec spec) {
        int[] all = Bootstrap.identity(items);
        return new NWayAgreement(
                new Estimate(allAgree(all), Bootstrap.percentile95(items, spec, this::allAgree)),
                new Estimate(kappa(all), Bootstrap.percentile95(items, spec, this::kappa)),
                counted());
    }
}
