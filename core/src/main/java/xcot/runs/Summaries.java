package xcot.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.ScoredAnswer;
import xcot.metrics.Setting;
import xcot.metrics.SettingMetrics;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.tasks.Benchmark;
import xcot.tasks.CotCorruption;

/**
 * The run's settings scored by the metrics code: the same {@link SettingMetrics} call, agreement rule and bootstrap
 * that {@code xcot score} makes, on the same records it reads back from {@code answers.jsonl}, so both print the same
 * numbers.
 */
final class Summaries {
    private Summaries() {}

    /**
     * Transfers, ensembles and the benchmark's corrupted CoTs (written in each source's notation) form one setting
     * per source; every other condition one setting.
     */
    static boolean settingPerSource(String condition, Set<String> corruptions) {
        return condition.startsWith("transfer") || condition.startsWith("ensemble") || corruptions.contains(condition);
    }

    /**
     * The settings over every model but those in {@code without} (whose answers are left out, as
     * {@code xcot score --without} leaves them out).
     */
    static List<SettingSummary> of(Results results, Benchmark benchmark, Quirks scoring, List<String> without) {
        Map<String, List<ScoredAnswer>> settings = new LinkedHashMap<>();
        Map<String, Optional<String>> sources = new LinkedHashMap<>();
        Map<String, String> conditions = new LinkedHashMap<>();
        Set<String> corruptions = benchmark.corruptions().stream().map(CotCorruption::name).collect(Collectors.toSet());
        for (var e : results.ordered()) {
            ScoredAnswer a = e.getValue().answer();
            if (without.contains(a.model())) {
                continue;
            }
            Optional<String> source = settingPerSource(a.condition(), corruptions) ? a.sourceModel() : Optional.empty();
            String key = a.condition() + "\u0000" + source.orElse("");
            settings.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
            sources.put(key, source);
            conditions.put(key, a.condition());
        }
        List<SettingSummary> out = new ArrayList<>();
        for (var e : settings.entrySet()) {
            Setting setting = Setting.of(e.getValue());
            if (setting.models().size() < 2) {
                continue;
            }
            String condition = conditions.get(e.getKey());
            Optional<String> source = sources.get(e.getKey());
            List<String> args = new ArrayList<>(List.of("--condition", condition));
            source.ifPresent(s -> args.addAll(List.of("--source", s)));
            without.forEach(m -> args.addAll(List.of("--without", m)));
            if (!scoring.equals(Quirks.none())) {
                args.add("--faithful");
            }
            out.add(new SettingSummary(condition, source, SettingMetrics.score(setting,
                    benchmark.agreementRule(scoring), scoring.has(Quirk.STRING_BREAKDOWN), BootstrapSpec.DEFAULT), args));
        }
        return out;
    }
}
