package xcot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xcot.formats.GenexMedCalcFiles;
import xcot.formats.XcotJsonl;
import xcot.io.InputProblem;
import xcot.io.ReadResult;
import xcot.metrics.AgreementRule;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.ScoredAnswer;
import xcot.metrics.Setting;
import xcot.metrics.SettingMetrics;
import xcot.metrics.SettingReport;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.reports.BenchmarkReport;
import xcot.reports.BenchmarkReports;
import xcot.reports.Provenance;
import xcot.reports.Report;
import xcot.reports.ResultsJson;
import xcot.reports.RunSettings;
import xcot.reports.ScoreCommands;
import xcot.reports.ScoringMode;
import xcot.tasks.Benchmarks;

/** {@code xcot score}: scores answer files as one setting (all model pairs among them). */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores the given answer files as one setting: pairwise consistency (mean ± population std over model "
                    + "pairs), accuracy, the consistent-correct / consistent-wrong / inconsistent breakdown and "
                    + "N-way agreement, each with a seeded bootstrap 95%% interval over items.",
            "Formats: xcot (xcot's JSONL records, the default) and genex-medcalc (the reference implementation's "
                    + "MedCalc output files, one file per model).",
            "Files that hold several settings (a run's answers.jsonl) without --condition: every setting is scored "
                    + "and printed as one table, each row with the command that scores it alone."
        })
public final class ScoreCommand implements Callable<Integer> {
    /** Input formats {@code xcot score} reads. */
    public enum Format {
        XCOT, GENEX_MEDCALC;

        static Format parse(String text) {
            return switch (text) {
                case "xcot" -> XCOT;
                case "genex-medcalc" -> GENEX_MEDCALC;
                default -> throw new IllegalArgumentException(
                        "unknown format '" + text + "' (expected xcot or genex-medcalc)");
            };
        }

        String label() {
            return this == XCOT ? "xcot" : "genex-medcalc";
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "xcot", converter = FormatConverter.class,
            description = "xcot (default) or genex-medcalc")
    private Format format;

    @Option(names = "--faithful", description = "reproduce the reference analysis exactly, quirks included "
            + "(ref.lenient-consistency, ref.string-breakdown, ...); default: the fixed rules")
    private boolean faithful;

    @Option(names = "--json", description = "print one JSON object instead of tables")
    private boolean json;

    @Option(names = "--condition", paramLabel = "NAME",
            description = "score only records of this condition (without it, files that mix conditions are scored "
                    + "setting by setting)")
    private String condition;

    @Option(names = "--source", paramLabel = "NAME",
            description = "xcot format: score only records whose CoT came from this source (a transfer's source "
                    + "model, an ensemble combination)")
    private String source;

    @Option(names = "--without", paramLabel = "MODEL",
            description = "leave out the answers of this model (repeatable), e.g. a negative control")
    private List<String> without = List.of();

    @Mixin
    private BootstrapOptions bootstrapOptions;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "answer files (.jsonl or .jsonl.gz)")
    private List<Path> files;

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        Quirks options = faithful ? Quirks.faithfulScoring() : Quirks.none();
        List<ScoredAnswer> answers = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (Path file : files) {
            ReadResult<ScoredAnswer> read =
                    format == Format.XCOT ? XcotJsonl.read(file) : GenexMedCalcFiles.readScored(file);
            answers.addAll(read.values());
            problems.addAll(read.problems());
        }
        for (InputProblem problem : problems) {
            spec.commandLine().getErr().println("xcot: warning: " + problem + " (line skipped)");
        }
        answers = select(answers);
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("no answers to score in " + files.size() + " file(s)");
        }
        if (condition == null && RunSettings.split(answers).size() > 1) {
            return scoreEverySetting(answers);
        }
        Setting setting = Setting.of(answers);
        if (setting.models().size() < 2) {
            throw new IllegalArgumentException("need answers of at least two models, found " + setting.models());
        }
        SettingReport report = SettingMetrics.score(setting, rule(answers, options), options.has(Quirk.STRING_BREAKDOWN),
                bootstrapOptions.spec());
        ScoreOutput output = new ScoreOutput(options, format.label(), files, report, problems,
                bootstrapOptions.spec());
        spec.commandLine().getOut().print(json ? output.json() : output.text());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private List<ScoredAnswer> select(List<ScoredAnswer> answers) {
        answers = answers.stream().filter(a -> !without.contains(a.model())).toList();
        if (source != null) {
            answers = answers.stream().filter(a -> a.sourceModel().orElse("").equals(source)).toList();
        }
        if (condition != null) {
            return answers.stream().filter(a -> a.condition().equals(condition)).toList();
        }
        return answers;
    }

    /**
     * Files that hold several settings (a run's whole export): every setting scored as {@code xcot run} scores it,
     * one row each with the command that scores it alone.
     */
    private Integer scoreEverySetting(List<ScoredAnswer> answers) {
        ScoringMode mode = faithful ? ScoringMode.FAITHFUL : ScoringMode.FIXED;
        BootstrapSpec bootstrap = bootstrapOptions.spec();
        List<String> fileNames = files.stream().map(Path::toString).toList();
        List<BenchmarkReport> benchmarks = BenchmarkReports.build(answers, mode.quirks(), bootstrap, key -> {
            List<String> args = new ArrayList<>();
            if (format != Format.XCOT) {
                args.addAll(List.of("--format", format.label()));
            }
            args.addAll(RunSettings.xcotArguments(key, mode));
            without.forEach(m -> args.addAll(List.of("--without", m)));
            return ScoreCommands.line(args, fileNames);
        }, List.of());
        if (benchmarks.stream().allMatch(b -> b.settings().isEmpty())) {
            throw new IllegalArgumentException("the files hold " + RunSettings.split(answers).size() + " settings "
                    + "(conditions " + answers.stream().map(ScoredAnswer::condition).distinct().toList() + ") but none "
                    + "has answers of two models");
        }
        Report report = new Report("xcot score", String.join(" ", fileNames), mode, bootstrap, benchmarks,
                Provenance.none(List.of()), Optional.empty(), Optional.empty());
        spec.commandLine().getOut().print(json ? ResultsJson.write(report) : ScoreOutput.settingsTable(report));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The benchmark's agreement rule, from the one place that decides it ({@link Benchmarks}). */
    private static AgreementRule rule(List<ScoredAnswer> answers, Quirks options) {
        List<String> benchmarks = answers.stream().map(ScoredAnswer::benchmark).distinct().toList();
        if (benchmarks.size() > 1) {
            throw new IllegalArgumentException("the files mix benchmarks " + benchmarks);
        }
        return Benchmarks.agreementRule(benchmarks.get(0), options);
    }
}
