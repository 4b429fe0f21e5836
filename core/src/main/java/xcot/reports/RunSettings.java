package xcot.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import xcot.metrics.AnswerParsing;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.ScoredAnswer;
import xcot.metrics.Setting;
import xcot.metrics.SettingMetrics;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.runs.export.Summaries.SettingKey;
import xcot.runs.export.Summaries;
import xcot.tasks.toy.Corruption;

/**
 * Splits scored answers into settings and scores each, the way {@code xcot run} summarizes a run: one setting per
 * condition, and per source for transfers, ensembles and corrupted chains (whose rows differ by the chain's
 * source). Settings with fewer than two models have no consistency and are left out. The order is the answers'
 * order (an export's is condition, source, model, item).
 */
public final class RunSettings {
    /** Conditions written in a source's notation, beside transfers and ensembles: the toy task's corruptions. */
    private static final Set<String> CORRUPTIONS =
            Arrays.stream(Corruption.values()).map(Corruption::id).collect(Collectors.toUnmodifiableSet());

    private RunSettings() {}

    /** The answers of each setting, keyed by (condition, source), in first-seen order: as the run splits them. */
    public static Map<SettingKey, List<ScoredAnswer>> split(List<ScoredAnswer> answers) {
        return Summaries.split(answers, CORRUPTIONS);
    }

    /**
     * Scores every setting of one benchmark's answers.
     *
     * @param command the {@code xcot score} line that reproduces a setting (from its key)
     */
    public static List<ReportSetting> score(List<ScoredAnswer> answers, Quirks scoring, BootstrapSpec spec,
            Function<SettingKey, String> command) {
        List<String> benchmarks = answers.stream().map(ScoredAnswer::benchmark).distinct().toList();
        if (benchmarks.size() != 1) {
            throw new IllegalArgumentException("score one benchmark at a time, got " + benchmarks);
        }
        var rule = Agreement.of(benchmarks.get(0), scoring);
        List<ReportSetting> out = new ArrayList<>();
        for (var e : split(answers).entrySet()) {
            Setting setting = Setting.of(e.getValue());
            if (setting.models().size() < 2) {
                continue;
            }
            out.add(new ReportSetting(e.getKey().condition(), e.getKey().source(), SettingMetrics.score(setting, rule,
                    scoring.has(Quirk.STRING_BREAKDOWN), spec), command.apply(e.getKey()), AnswerParsing.of(e.getValue())));
        }
        return out;
    }

    /** The {@code xcot score} arguments that select a setting of an xcot-format file (before the file). */
    public static List<String> xcotArguments(SettingKey key, ScoringMode scoring) {
        List<String> args = new ArrayList<>(List.of("--condition", key.condition()));
        key.source().ifPresent(s -> args.addAll(List.of("--source", s)));
        args.addAll(scoring.scoreArguments());
        return args;
    }
}
