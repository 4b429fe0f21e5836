package xcot.tasks.induction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import xcot.metrics.Spearman;

/**
 * How well a similarity measure stands in for the paper's stored BERTScores (deberta-xlarge-mnli) on the published
 * pairwise consistency rows: per-row rank agreement, the ranking of the settings, decisions at thresholds and the
 * direction of each setting's "without answer" change.
 *
 * <p>Setting scores follow the paper's aggregation: for each model pair the mean over items, then over tasks; the
 * setting is the mean over pairs. Thresholds are taken at quantiles of the stored scores and, since the two measures
 * have different scales, the other measure is thresholded at the same quantile of its own scores.
 *
 * @param rows one per published consistency row
 */
public record SimilarityCalibration(List<Row> rows) {
    /** Suffix that marks a setting's "without answer" twin (e.g. {@code default_without_answer}). */
    public static final String WITHOUT_ANSWER = "_without_answer";
    /** Quantiles of the stored scores at which decisions are compared. */
    public static final double[] QUANTILES = {0.25, 0.5, 0.75};

    /** One consistency row: the stored score and the measure's score for the same two outputs. */
    public record Row(String setting, String task, String pair, String item, double stored, double measured) {}

    /** The agreement of two decisions at one stored-score quantile. */
    public record Decision(double quantile, double storedThreshold, double measuredThreshold, double agreement) {}

    /** One setting's score under both measures. */
    public record SettingScore(String setting, double stored, double measured) {}

    /** A setting with its "without answer" twin: whether both measures move the same way. */
    public record Direction(String setting, double storedChange, double measuredChange) {
        public boolean agrees() {
            return Math.signum(storedChange) == Math.signum(measuredChange);
        }
    }

    public SimilarityCalibration {
        rows = List.copyOf(rows);
    }

    public double rowSpearman() {
        return Spearman.correlation(rows.stream().mapToDouble(Row::stored).toArray(),
                rows.stream().mapToDouble(Row::measured).toArray());
    }

    /** Row Spearman within each setting, by setting name. */
    public Map<String, Double> rowSpearmanBySetting() {
        Map<String, Double> out = new TreeMap<>();
        rows.stream().collect(Collectors.groupingBy(Row::setting)).forEach((setting, r) ->
                out.put(setting, new SimilarityCalibration(r).rowSpearman()));
        return out;
    }

    public List<SettingScore> settingScores() {
        List<SettingScore> out = new ArrayList<>();
        new TreeMap<>(rows.stream().collect(Collectors.groupingBy(Row::setting))).forEach((setting, r) ->
                out.add(new SettingScore(setting, settingMean(r, Row::stored), settingMean(r, Row::measured))));
        return out;
    }

    public double settingSpearman() {
        List<SettingScore> s = settingScores();
        return Spearman.correlation(s.stream().mapToDouble(SettingScore::stored).toArray(),
                s.stream().mapToDouble(SettingScore::measured).toArray());
    }

    public List<Decision> decisions() {
        double[] stored = rows.stream().mapToDouble(Row::stored).sorted().toArray();
        double[] measured = rows.stream().mapToDouble(Row::measured).sorted().toArray();
        List<Decision> out = new ArrayList<>();
        for (double q : QUANTILES) {
            double ts = quantile(stored, q);
            double tm = quantile(measured, q);
            long same = rows.stream().filter(r -> (r.stored() >= ts) == (r.measured() >= tm)).count();
            out.add(new Decision(q, ts, tm, (double) same / rows.size()));
        }
        return out;
    }

    public List<Direction> directions() {
        Map<String, SettingScore> bySetting = new LinkedHashMap<>();
        settingScores().forEach(s -> bySetting.put(s.setting(), s));
        List<Direction> out = new ArrayList<>();
        bySetting.forEach((setting, full) -> {
            SettingScore without = bySetting.get(setting + WITHOUT_ANSWER);
            if (without != null) {
                out.add(new Direction(setting, without.stored() - full.stored(), without.measured() - full.measured()));
            }
        });
        return out;
    }

    /** The figures as printed by the calibration test and quoted in the README. */
    public String format(String measure) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s vs stored deberta-xlarge-mnli BERTScore, %d consistency rows%n",
                measure, rows.size()));
        b.append(String.format(Locale.ROOT, "  per-row Spearman: %.3f (within settings: %s)%n", rowSpearman(),
                rowSpearmanBySetting().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.3f",
                        e.getKey(), e.getValue())).collect(Collectors.joining(", "))));
        b.append(String.format(Locale.ROOT, "  setting-level Spearman over %d settings: %.3f%n",
                settingScores().size(), settingSpearman()));
        for (SettingScore s : settingScores()) {
            b.append(String.format(Locale.ROOT, "    %-28s stored %.3f  %s %.3f%n", s.setting(), s.stored(), measure,
                    s.measured()));
        }
        for (Decision d : decisions()) {
            b.append(String.format(Locale.ROOT, "  decisions at the stored %.0f%% quantile (%.3f; %s %.3f): %.1f %%"
                    + " agree%n", d.quantile() * 100, d.storedThreshold(), measure, d.measuredThreshold(),
                    d.agreement() * 100));
        }
        List<Direction> dirs = directions();
        b.append(String.format(Locale.ROOT, "  full vs without answer, same direction: %d of %d (%s)%n",
                dirs.stream().filter(Direction::agrees).count(), dirs.size(), dirs.stream().map(d ->
                        String.format(Locale.ROOT, "%s %+.4f/%+.4f", d.setting(), d.storedChange(),
                                d.measuredChange())).collect(Collectors.joining(", "))));
        return b.toString();
    }

    /** Mean over pairs of (mean over tasks of (mean over items)). */
    private static double settingMean(List<Row> rows, java.util.function.ToDoubleFunction<Row> score) {
        Map<String, Map<String, List<Row>>> byPairTask = rows.stream().collect(Collectors.groupingBy(Row::pair,
                TreeMap::new, Collectors.groupingBy(Row::task, TreeMap::new, Collectors.toList())));
        return byPairTask.values().stream().mapToDouble(tasks -> tasks.values().stream()
                .mapToDouble(items -> items.stream().mapToDouble(score).average().orElseThrow())
                .average().orElseThrow()).average().orElseThrow();
    }

    /**
     * The {@code q} quantile of sorted values as the value at that rank (numpy's {@code method="lower"}), so that
     * both measures are cut at the same rank and a measure that orders the rows alike decides alike.
     */
    static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }
}
