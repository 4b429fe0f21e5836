package xcot.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xcot.metrics.BootstrapSpec;
import xcot.reports.Report;
import xcot.reports.ReportFormat;
import xcot.reports.Reports;
import xcot.reports.RunFolder;
import xcot.reports.ScoringMode;
import xcot.reports.study.UserStudyAnalysis;
import xcot.reports.study.UserStudyRatings;
import xcot.reports.write.ReportWriter;

/** {@code xcot report}: the tables, figures and machine-readable results of a run, the published outputs, a study. */
@Command(name = "report", mixinStandardHelpOptions = true, description = {
        "Writes a run's report: report.html (self-contained: inline CSS and SVG figures, printable, loads nothing), "
                + "results.json (schema: docs/results-schema.json), settings.csv, settings.md, settings.tex "
                + "(booktabs), and every figure as figures/*.svg and *.png.",
        "With --published, the same report of the paper's published MedCalc outputs that xcot ships; with "
                + "--user-study, the paper's human-preference analysis (alone, or as a section of the report)."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RUN_DIR", description = "a finished run folder (the --out of xcot run)")
    private Path runDir;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where to write (default: RUN_DIR/report; xcot-runs/published-report with --published; "
                    + "xcot-runs/user-study for a study alone)")
    private Path out;

    @Option(names = "--format", paramLabel = "LIST", defaultValue = "html,md,csv,tex,json",
            description = "comma-separated: html, md, csv, tex, json (default: all)")
    private String formats;

    @Option(names = "--published", description = "report the paper's published MedCalc outputs (shipped with xcot)")
    private boolean published;

    @Option(names = "--scoring", paramLabel = "MODE",
            description = "fixed (xcot's rules) or faithful (the reference analysis, as xcot score --faithful); "
                    + "default: fixed for a run, faithful for --published")
    private String scoring;

    @Option(names = "--user-study", paramLabel = "FILE", arity = "0..1", fallbackValue = "",
            description = "the study's survey export (CSV); without FILE, the paper's ratings that xcot ships")
    private String userStudy;

    @Option(names = "--transfer-outputs", paramLabel = "DIR",
            description = "with --user-study: the reference's MedCalc output folder holding the rated chains' "
                    + "transfer files, to relate the ratings to measured transferability")
    private Path transferOutputs;

    @Mixin
    private BootstrapOptions bootstrapOptions;

    @Override
    public Integer call() {
        var chosen = ReportFormat.parse(formats);
        if (runDir != null && published) {
            throw new IllegalArgumentException("give a run folder or --published, not both");
        }
        if (runDir == null && !published && userStudy == null) {
            throw new IllegalArgumentException("give a run folder, --published or --user-study (see xcot report --help)");
        }
        BootstrapSpec bootstrap = bootstrapOptions.spec();
        ScoringMode mode = scoring != null ? ScoringMode.parse(scoring)
                : published ? ScoringMode.FAITHFUL : ScoringMode.FIXED;
        Report report;
        Path target;
        if (runDir != null) {
            report = Reports.ofRun(RunFolder.open(runDir), mode, bootstrap);
            target = out != null ? out : runDir.resolve("report");
        } else if (published) {
            report = Reports.published(mode, bootstrap);
            target = out != null ? out : Path.of("xcot-runs", "published-report");
        } else {
            report = Reports.empty("human-preference study", "the study's ratings", mode, bootstrap);
            target = out != null ? out : Path.of("xcot-runs", "user-study");
        }
        if (userStudy != null) {
            boolean shipped = userStudy.isEmpty();
            var ratings = shipped ? UserStudyRatings.shipped() : UserStudyRatings.read(Path.of(userStudy));
            report = report.withUserStudy(UserStudyAnalysis.analyze(ratings,
                    shipped ? "the paper's ratings (" + UserStudyRatings.RESOURCE + ")" : userStudy,
                    Optional.ofNullable(transferOutputs), bootstrap));
        }
        List<String> written = ReportWriter.write(report, chosen, target);
        var stdout = spec.commandLine().getOut();
        stdout.printf("report of %s: %d files in %s%n", report.subject(), written.size(), target);
        written.stream().filter(f -> !f.startsWith(ReportWriter.FIGURES + "/")).forEach(f -> stdout.println("  " + f));
        long figures = written.stream().filter(f -> f.startsWith(ReportWriter.FIGURES + "/")).count();
        if (figures > 0) {
            stdout.printf("  %s/ (%d figures as SVG and PNG)%n", ReportWriter.FIGURES, figures / 2);
        }
        stdout.flush();
        return 0;
    }
}
