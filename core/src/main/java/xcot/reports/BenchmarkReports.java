package xcot.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import xcot.metrics.AgreementRule;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.Comparisons;
import xcot.metrics.ModelRate;
import xcot.metrics.ScoredAnswer;
import xcot.metrics.Setting;
import xcot.reference.Quirks;
import xcot.runs.export.Summaries;

/** Builds the {@link BenchmarkReport}s of a set of answers, one per benchmark they hold. */
public final class BenchmarkReports {
    static final String DEFAULT = "default";

    private BenchmarkReports() {}

    public static List<BenchmarkReport> build(List<ScoredAnswer> answers, Quirks scoring, BootstrapSpec spec,
            Function<Summaries.SettingKey, String> command, List<EnsembleStats> ensembles) {
        List<BenchmarkReport> out = new ArrayList<>();
        for (String benchmark : answers.stream().map(ScoredAnswer::benchmark).distinct().toList()) {
            List<ScoredAnswer> own = answers.stream().filter(a -> a.benchmark().equals(benchmark)).toList();
            AgreementRule rule = Agreement.of(benchmark, scoring);
            List<ReportSetting> settings = RunSettings.score(own, scoring, spec, command);
            List<String> models = own.stream().map(ScoredAnswer::model).distinct().toList();
            int items = (int) own.stream().map(ScoredAnswer::itemId).distinct().count();
            out.add(new BenchmarkReport(benchmark, !rule.isCategorical(), models, items, settings,
                    transfers(own, settings, rule), ensembles));
        }
        return out;
    }

    private static List<TransferMatrix> transfers(List<ScoredAnswer> answers, List<ReportSetting> settings,
            AgreementRule rule) {
        List<TransferMatrix> out = new ArrayList<>();
        for (String condition : settings.stream().map(ReportSetting::condition)
                .filter(c -> c.startsWith("transfer")).distinct().toList()) {
            List<ReportSetting> bySource = settings.stream()
                    .filter(s -> s.condition().equals(condition) && s.source().isPresent()).toList();
            if (bySource.isEmpty()) {
                continue;
            }
            List<String> sources = bySource.stream().map(s -> s.source().orElseThrow()).toList();
            LinkedHashSet<String> targetSet = new LinkedHashSet<>();
            bySource.forEach(s -> targetSet.addAll(s.report().models()));
            List<String> targets = List.copyOf(targetSet);
            double[][] consistency = new double[sources.size()][targets.size()];
            double[][] accuracy = new double[sources.size()][targets.size()];
            for (int s = 0; s < sources.size(); s++) {
                Arrays.fill(consistency[s], Double.NaN);
                Arrays.fill(accuracy[s], Double.NaN);
                ReportSetting setting = bySource.get(s);
                for (ModelRate rate : setting.report().accuracy()) {
                    accuracy[s][targets.indexOf(rate.model())] = rate.rate();
                }
                String source = sources.get(s);
                List<ScoredAnswer> sourceOwn = answers.stream()
                        .filter(a -> a.condition().equals(DEFAULT) && a.model().equals(source)).toList();
                if (sourceOwn.isEmpty()) {
                    continue;
                }
                List<ScoredAnswer> targetAnswers = answers.stream().filter(a -> a.condition().equals(condition)
                        && a.sourceModel().equals(Optional.of(source))).toList();
                // Only the per-target rates are shown; one resample keeps the unused interval cheap.
                Comparisons.Report report = Comparisons.sourceVsTarget(sourceOwn, Setting.of(targetAnswers), rule,
                        new BootstrapSpec(1, 0));
                for (ModelRate rate : report.rates()) {
                    consistency[s][targets.indexOf(rate.model())] = rate.rate();
                }
            }
            out.add(new TransferMatrix(condition, sources, targets, consistency, accuracy));
        }
        return out;
    }
}
