package xcot.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xcot.metrics.BootstrapSpec;
import xcot.reports.ComparisonText;
import xcot.reports.ReportFormat;
import xcot.reports.Reports;
import xcot.reports.ResultsJson;
import xcot.reports.RunComparison;
import xcot.reports.RunFolder;
import xcot.reports.ScoringMode;
import xcot.reports.write.ReportWriter;

/** {@code xcot compare}: which settings changed between runs, with paired bootstrap intervals. */
@Command(name = "compare", mixinStandardHelpOptions = true, description = {
        "Compares runs with the first (the baseline), setting by setting: the difference of consistency and of "
                + "mean accuracy (run - baseline) over the models and items both runs have, with a paired bootstrap "
                + "95%% interval over items; a setting changed when an interval excludes 0.",
        "Prints a table (or JSON with --json); with --out, also writes compare.html and results.json there."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "RUN_DIR", description = "run folders: the baseline first")
    private List<Path> runs;

    @Option(names = "--json", description = "print the comparison as JSON")
    private boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "also write compare.html and results.json here")
    private Path out;

    @Option(names = "--scoring", paramLabel = "MODE", defaultValue = "fixed", description = "fixed (default) or faithful")
    private String scoring;

    @Mixin
    private BootstrapOptions bootstrapOptions;

    @Override
    public Integer call() {
        BootstrapSpec bootstrap = bootstrapOptions.spec();
        ScoringMode mode = ScoringMode.parse(scoring);
        List<RunFolder> folders = runs.stream().map(RunFolder::open).toList();
        RunComparison comparison = RunComparison.compare(folders, mode, bootstrap);
        var report = Reports.empty("compare " + String.join(" ", folders.stream().map(RunFolder::name).toList()),
                String.join(", ", runs.stream().map(Path::toString).toList()), mode, bootstrap)
                .withComparison(comparison);
        var stdout = spec.commandLine().getOut();
        stdout.print(json ? ResultsJson.write(report) : ComparisonText.text(comparison));
        if (out != null) {
            var written = ReportWriter.write(report, EnumSet.of(ReportFormat.HTML, ReportFormat.JSON), out);
            if (!json) {
                stdout.printf("written: %s%n", String.join(", ", written.stream().map(f -> out.resolve(f).toString())
                        .toList()));
            }
        }
        stdout.flush();
        return 0;
    }
}
