package xcot.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import xcot.metrics.ScoredAnswer;
import xcot.metrics.Setting;

/** Builds the per-item tables that the setting statistics are computed from. */
final class Tables {
    private Tables() {}

    /** Unordered pairs (a, b) with a before b, in input order: (0,1), (0,2), ..., the reference's combinations. */
    static List<int[]> pairs(int models) {
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < models; a++) {
            for (int b = a + 1; b < models; b++) {
                pairs.add(new int[] {a, b});
            }
        }
        return pairs;
    }

    static String pairName(Setting s, int[] pair) {
        return s.models().get(pair[0]) + " | " + s.models().get(pair[1]);
    }

    static ItemTable consistency(Setting s, AgreementRule rule) {
        List<int[]> pairs = pairs(s.models().size());
        double[][] values = new double[pairs.size()][s.itemIds().size()];
        List<String> names = new ArrayList<>();
        for (int p = 0; p < pairs.size(); p++) {
            int[] pair = pairs.get(p);
            names.add(pairName(s, pair));
            for (int i = 0; i < s.itemIds().size(); i++) {
                OptionalDouble agreement = rule.agreement(s.answer(pair[0], i), s.answer(pair[1], i));
                values[p][i] = agreement.orElse(Double.NaN);
            }
        }
        return new ItemTable(names, values);
    }

    static ItemTable accuracy(Setting s) {
        double[][] values = new double[s.models().size()][s.itemIds().size()];
        for (int m = 0; m < values.length; m++) {
            for (int i = 0; i < s.itemIds().size(); i++) {
                values[m][i] = s.answer(m, i).outcome().score();
            }
        }
        return new ItemTable(s.models(), values);
    }

    /** The three breakdown tables, in the order consistent-correct, consistent-wrong, inconsistent. */
    static ItemTable[] breakdown(Setting s, AgreementRule rule, boolean stringBreakdown) {
        List<int[]> pairs = pairs(s.models().size());
        int items = s.itemIds().size();
        double[][][] tables = new double[3][pairs.size()][items];
        List<String> names = new ArrayList<>();
        for (int p = 0; p < pairs.size(); p++) {
            int[] pair = pairs.get(p);
            names.add(pairName(s, pair));
            for (int i = 0; i < items; i++) {
                ScoredAnswer a = s.answer(pair[0], i);
                ScoredAnswer b = s.answer(pair[1], i);
                int category = stringBreakdown ? stringCategory(a, b) : ruleCategory(rule, a, b);
                for (int c = 0; c < 3; c++) {
                    tables[c][p][i] = category < 0 && !stringBreakdown ? Double.NaN : (category == c ? 1.0 : 0.0);
                }
            }
        }
        return new ItemTable[] {
            new ItemTable(names, tables[0]), new ItemTable(names, tables[1]), new ItemTable(names, tables[2])
        };
    }

    /** 0 consistent-correct, 1 consistent-wrong, 2 inconsistent, -1 skipped. */
    private static int ruleCategory(AgreementRule rule, ScoredAnswer a, ScoredAnswer b) {
        OptionalDouble agreement = rule.agreement(a, b);
        if (agreement.isEmpty()) {
            return -1;
        }
        if (agreement.getAsDouble() < 0.5) {
            return 2;
        }
        return a.outcome().isCorrect() && b.outcome().isCorrect() ? 0 : 1;
    }

    /** The reference table's string rule; -1 (counted in no category) when both answers failed. */
    private static int stringCategory(ScoredAnswer a, ScoredAnswer b) {
        if (referenceFailed(a) && referenceFailed(b)) {
            return -1;
        }
        if (!a.answer().equals(b.answer())) {
            return 2;
        }
        return a.outcome().isCorrect() ? 0 : 1;
    }

    private static boolean referenceFailed(ScoredAnswer a) {
        return a.answer().isEmpty() || AgreementRule.EqualOrBothCorrect.REFERENCE_FAILURE_MARKS.stream()
                .anyMatch(a.answer()::contains);
    }
}
