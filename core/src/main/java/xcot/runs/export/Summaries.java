package xcot.runs.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import xcot.methods.Condition;
import xcot.metrics.AnswerParsing;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.ScoredAnswer;
import xcot.metrics.Setting;
import xcot.metrics.SettingMetrics;
import xcot.reference.Quirks;
import xcot.tasks.Benchmark;
import xcot.tasks.CotCorruption;

/**
 * The run's settings scored by the metrics code: the same {@link SettingMetrics} call, agreement rule and bootstrap
 * that {@code xcot score} makes, on the same records it reads back from {@code answers.jsonl}, so both print the same
 * numbers.
 */
public final class Summaries {
    private Summaries() {}

    /** A setting's identity: its condition and, for settings per source, the source. */
    public record SettingKey(String condition, Optional<String> source) {}

    /**
     * Transfers, ensembles and the benchmark's corrupted CoTs (written in each source's notation) form one setting
     * per source; every other condition one setting.
     */
    static boolean settingPerSource(String condition, Set<String> corruptions) {
        return Condition.ofRecordLabel(condition, corruptions).map(Condition::settingPerSource).orElse(false);
    }

    /** The answers of each setting, in first-seen order ({@code corruptions}: the benchmark's corruption names). */
    public static Map<SettingKey, List<ScoredAnswer>> split(List<ScoredAnswer> answers, Set<String> corruptions) {
        Map<SettingKey, List<ScoredAnswer>> settings = new LinkedHashMap<>();
        for (ScoredAnswer a : answers) {
            Optional<String> source = settingPerSource(a.condition(), corruptions) ? a.sourceModel()
                    : Optional.empty();
            settings.computeIfAbsent(new SettingKey(a.condition(), source), k -> new ArrayList<>()).add(a);
        }
        return settings;
    }

    /**
     * The settings of {@code answers} (in export order) over every model but those in {@code without} (whose answers
     * are left out, as {@code xcot score --without} leaves them out); settings of fewer than two models are skipped.
     */
    public static List<SettingSummary> of(List<ScoredAnswer> answers, Benchmark benchmark, Quirks scoring,
            List<String> without) {
        Set<String> corruptions = benchmark.corruptions().stream().map(CotCorruption::name).collect(Collectors.toSet());
        var settings = split(answers.stream().filter(a -> !without.contains(a.model())).toList(), corruptions);
        List<SettingSummary> out = new ArrayList<>();
        settings.forEach((key, rows) -> {
            Setting setting = Setting.of(rows);
            if (setting.models().size() >= 2) {
                out.add(new SettingSummary(key.condition(), key.source(), SettingMetrics.score(setting,
                        benchmark.agreementRule(scoring), scoring.has(xcot.reference.Quirk.STRING_BREAKDOWN),
                        BootstrapSpec.DEFAULT), AnswerParsing.of(rows)));
            }
        });
        return out;
    }
}
