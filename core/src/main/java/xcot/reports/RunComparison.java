package xcot.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.PairedBootstrap;
import xcot.metrics.ScoredAnswer;
import xcot.metrics.Setting;

/**
 * Runs compared with a baseline (the first run), setting by setting: the difference (other − baseline) of the
 * consistency and of the mean accuracy, with a paired bootstrap 95 % interval over the items both runs answered,
 * over the models both runs have. A setting changed when an interval excludes zero.
 */
public record RunComparison(String baseline, List<String> others, ScoringMode scoring, BootstrapSpec bootstrap,
                            List<Row> rows) {
    /** One setting of one compared run. */
    public record Row(String benchmark, String setting, String run, List<String> models,
                      PairedBootstrap.Difference difference) {
        public boolean changed() {
            return difference.consistencyChanged() || difference.accuracyChanged();
        }
    }

    public RunComparison {
        others = List.copyOf(others);
        rows = List.copyOf(rows);
    }

    public List<Row> changed() {
        return rows.stream().filter(Row::changed).toList();
    }

    public static RunComparison compare(List<RunFolder> runs, ScoringMode scoring, BootstrapSpec spec) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("compare needs at least two runs");
        }
        RunFolder base = runs.get(0);
        List<Row> rows = new ArrayList<>();
        for (RunFolder other : runs.subList(1, runs.size())) {
            for (String benchmark : base.answers().stream().map(ScoredAnswer::benchmark).distinct().toList()) {
                var rule = Agreement.of(benchmark, scoring.quirks());
                var a = RunSettings.split(base.answers().stream().filter(x -> x.benchmark().equals(benchmark)).toList());
                var b = RunSettings.split(other.answers().stream().filter(x -> x.benchmark().equals(benchmark)).toList());
                for (var e : a.entrySet()) {
                    List<ScoredAnswer> inB = b.get(e.getKey());
                    if (inB == null) {
                        continue;
                    }
                    Aligned aligned = align(e.getValue(), inB);
                    if (aligned == null) {
                        continue;
                    }
                    String label = e.getKey().source().map(s -> e.getKey().condition() + " <- " + s)
                            .orElse(e.getKey().condition());
                    rows.add(new Row(benchmark, label, other.name(), aligned.a().models(),
                            PairedBootstrap.difference(aligned.a(), aligned.b(), rule, spec)));
                }
            }
        }
        return new RunComparison(base.name(), runs.subList(1, runs.size()).stream().map(RunFolder::name).toList(),
                scoring, spec, rows);
    }

    private record Aligned(Setting a, Setting b) {}

    /** Both runs' answers over the models and items they share, in the baseline's order; null under two models. */
    private static Aligned align(List<ScoredAnswer> a, List<ScoredAnswer> b) {
        Map<String, Map<String, ScoredAnswer>> cellsA = cells(a);
        Map<String, Map<String, ScoredAnswer>> cellsB = cells(b);
        List<String> models = cellsA.keySet().stream().filter(cellsB::containsKey).toList();
        LinkedHashSet<String> itemsB = new LinkedHashSet<>();
        b.forEach(x -> itemsB.add(x.itemId()));
        List<String> items = a.stream().map(ScoredAnswer::itemId).distinct().filter(itemsB::contains).toList();
        if (models.size() < 2 || items.isEmpty()) {
            return null;
        }
        return new Aligned(Setting.of(cellsA, models, items), Setting.of(cellsB, models, items));
    }

    private static Map<String, Map<String, ScoredAnswer>> cells(List<ScoredAnswer> answers) {
        Map<String, Map<String, ScoredAnswer>> cells = new java.util.LinkedHashMap<>();
        answers.forEach(x -> cells.computeIfAbsent(x.model(), k -> new HashMap<>()).put(x.itemId(), x));
        return cells;
    }
}
