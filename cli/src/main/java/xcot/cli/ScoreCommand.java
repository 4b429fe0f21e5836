package xcot.cli;

import java.io.PrintWriter;
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
import xcot.formats.GenexInductionFiles;
import xcot.formats.GenexInductionScoring;
import xcot.formats.GenexInductionSetting;
import xcot.io.InputProblem;
import xcot.metrics.AgreementRule;
import xcot.metrics.Bootstrap;
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
import xcot.tasks.catalog.BenchmarkCatalog;

/** {@code xcot score}: scores answer files as one setting (all model pairs among them). */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores the given answer files as one setting: pairwise consistency (mean ± population std over model "
                    + "pairs), accuracy, the consistent-correct / consistent-wrong / inconsistent breakdown and "
                    + "N-way agreement, each with a seeded bootstrap 95%% interval over items.",
            "Formats: xcot (xcot's JSONL records, the default), genex-medcalc (the reference implementation's "
                    + "MedCalc output files, one file per model) and genex-induction (its Instruction Induction "
                    + "prediction directories, one per model, and the setting's comparison_results directory).",
            "Files that hold several settings (a run's answers.jsonl) without --condition: every setting is scored "
                    + "and printed as one table, each row with the command that scores it alone.",
            "Memory: xcot and genex-medcalc files are read one line at a time and each answer is kept as what "
                    + "scoring needs (its setting, model and item, the normalized answer and the outcome: about 120 "
                    + "bytes), never its texts; so memory grows with items x models x settings, not with the size "
                    + "of the files (740,000 answers fit in a 128 MiB heap). genex-induction reads one JSON file at "
                    + "a time. Out of memory: XCOT_JAVA_OPTS=-Xmx4g, or fewer files or --condition.",
            "Long inputs show a progress line on stderr; a bootstrap of more than 1e9 table cells is announced "
                    + "with its size first (Ctrl-C stops it). A .gz file that expands more than 200 times is refused "
                    + "as a gzip bomb."
        })
public final class ScoreCommand implements Callable<Integer> {
    private static final String STORED = "stored";

    /** Input formats {@code xcot score} reads. */
    public enum Format {
        XCOT("xcot"), GENEX_MEDCALC("genex-medcalc"), GENEX_INDUCTION("genex-induction");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        static Format parse(String text) {
            for (Format f : values()) {
                if (f.label.equals(text)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown format '" + text + "' (expected xcot, genex-medcalc or "
                    + "genex-induction)");
        }

        String label() {
            return label;
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "xcot", converter = FormatConverter.class,
            description = "xcot (default), genex-medcalc or genex-induction")
    private Format format;

    @Option(names = "--similarity", paramLabel = "NAME",
            description = "genex-induction: stored (the reference's stored BERTScores, the default) or a similarity "
                    + "xcot computes (token-f1)")
    private String similarity;

    @Option(names = "--quirk", paramLabel = "FLAG",
            description = "turn on one reference scoring quirk by its flag (repeatable), e.g. ref.ii-plot-21-tasks "
                    + "for the consistency the reference's Instruction Induction figure shows")
    private List<String> quirkFlags = List.of();

    @Option(names = "--faithful", description = "reproduce the reference analysis exactly, quirks included "
            + "(ref.lenient-consistency, ref.string-breakdown, ...); default: the fixed rules")
    private boolean faithful;

    @Option(names = "--json", description = "print one JSON object instead of tables")
    private boolean json;

    @Option(names = "--condition", paramLabel = "NAME",
            description = "xcot format: score only records of this condition (needed when files mix conditions)")
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

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "answer files (.jsonl or .jsonl.gz); for genex-induction, directories")
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
        PrintWriter err = spec.commandLine().getErr();
        ScoreProgress progress = new ScoreProgress(err, RunReport.stderrIsTerminal(), System::nanoTime);
        Thread interrupted = new Thread(() -> {
            if (!progress.done()) {
                progress.clearLine();
                err.println("xcot: interrupted while " + progress.phase() + "; no scores printed");
                err.flush();
            }
        }, "xcot-score-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            return ScopedValue.where(Bootstrap.LISTENER, progress).call(() -> score(progress));
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException(OutOfMemory.message("while " + progress.phase()));
        } finally {
            progress.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs and says so
            }
        }
    }

    private int score(ScoreProgress progress) {
        Quirks options = quirks();
        List<ScoredAnswer> answers;
        List<InputProblem> problems;
        long problemCount;
        AgreementRule rule = null;
        if (format == Format.GENEX_INDUCTION) {
            GenexInductionSetting setting = GenexInductionFiles.read(files);
            problems = setting.problems();
            problemCount = problems.size();
            warn(problems, "");
            GenexInductionScoring.Scored scored = GenexInductionScoring.score(setting, options, similarity());
            scored.skipped().forEach(line -> spec.commandLine().getErr().println("xcot: warning: " + line));
            answers = scored.answers().stream().filter(this::selected).toList();
            rule = scored.rule();
        } else {
            if (similarity != null) {
                throw new IllegalArgumentException("--similarity applies to --format genex-induction");
            }
            ScoreInput.Read read = ScoreInput.read(files, format == Format.GENEX_MEDCALC, this::selected,
                    spec.commandLine().getErr(), progress);
            answers = read.answers();
            problems = read.problems();
            problemCount = read.problemCount();
        }
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("no answers to score in " + files.size() + " file(s)");
        }
        if (condition == null && format != Format.GENEX_INDUCTION && RunSettings.split(answers).size() > 1) {
            return scoreEverySetting(answers, progress);
        }
        Setting setting = Setting.of(answers);
        if (setting.models().size() < 2) {
            throw new IllegalArgumentException("need answers of at least two models, found " + setting.models());
        }
        AgreementRule settingRule = rule != null ? rule : rule(answers, options);
        announce(BootstrapCost.of(bootstrapOptions.spec().resamples(), List.of(new BootstrapCost.SettingSize(
                setting.itemIds().size(), setting.models().size(), SettingMetrics.bootstraps(settingRule)))),
                progress);
        SettingReport report = SettingMetrics.score(setting, settingRule, options.has(Quirk.STRING_BREAKDOWN),
                bootstrapOptions.spec());
        progress.finish();
        ScoreOutput output = new ScoreOutput(options, format.label(), files, similarityLabel(), report, problems,
                problemCount, bootstrapOptions.spec());
        spec.commandLine().getOut().print(json ? output.json() : output.text());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** States a large bootstrap's cost before it starts, and starts the progress on it. */
    private void announce(BootstrapCost cost, ScoreProgress progress) {
        if (cost.large()) {
            spec.commandLine().getErr().println("xcot: " + cost.describe());
            spec.commandLine().getErr().flush();
        }
        progress.bootstrapping(cost.resamplesTotal());
    }

    private void warn(List<InputProblem> problems, String suffix) {
        for (InputProblem problem : problems) {
            spec.commandLine().getErr().println("xcot: warning: " + problem + suffix);
        }
    }

    /** {@code --faithful}'s set, then each {@code --quirk}; a plot quirk only where a format applies it. */
    private Quirks quirks() {
        Quirks quirks = faithful ? Quirks.faithfulScoring() : Quirks.none();
        for (String flag : quirkFlags) {
            Quirk q = Quirk.byFlag(flag).orElseThrow(() -> new IllegalArgumentException("unknown flag '" + flag
                    + "' (known: " + String.join(", ", Quirks.flags()) + ")"));
            if (q.stage() == Quirk.Stage.GENERATION) {
                throw new IllegalArgumentException(flag + " changes what is generated, not how answers are scored");
            }
            if (q.plot() && format != Format.GENEX_INDUCTION) {
                throw new IllegalArgumentException(flag + " applies to --format genex-induction");
            }
            quirks = quirks.with(q, true);
        }
        return quirks;
    }

    private GenexInductionScoring.Similarity similarity() {
        if (similarity == null || similarity.equals(STORED)) {
            return new GenexInductionScoring.Similarity.Stored();
        }
        if (!xcot.tasks.induction.Similarity.configNames().contains(similarity)) {
            throw new IllegalArgumentException("unknown similarity '" + similarity + "' (expected " + STORED + ", "
                    + String.join(", ", xcot.tasks.induction.Similarity.configNames()) + ")");
        }
        return new GenexInductionScoring.Similarity.Computed(
                xcot.tasks.induction.Similarity.fromConfigName(similarity).scorer());
    }

    private Optional<String> similarityLabel() {
        return format == Format.GENEX_INDUCTION ? Optional.of(similarity == null ? STORED : similarity)
                : Optional.empty();
    }

    /** The command's selection: {@code --without}, {@code --source}, {@code --condition}. */
    private boolean selected(ScoredAnswer a) {
        return !without.contains(a.model())
                && (source == null || a.sourceModel().orElse("").equals(source))
                && (condition == null || a.condition().equals(condition));
    }

    /**
     * Files that hold several settings (a run's whole export): every setting scored as {@code xcot run} scores it,
     * one row each with the command that scores it alone.
     */
    private Integer scoreEverySetting(List<ScoredAnswer> answers, ScoreProgress progress) {
        ScoringMode mode = faithful ? ScoringMode.FAITHFUL : ScoringMode.FIXED;
        BootstrapSpec bootstrap = bootstrapOptions.spec();
        announce(BootstrapCost.of(bootstrap.resamples(), settingSizes(answers, mode.quirks())), progress);
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
        progress.finish();
        spec.commandLine().getOut().print(json ? ResultsJson.write(report) : ScoreOutput.settingsTable(report));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The sizes of the settings {@link BenchmarkReports} will score (those with two models or more). */
    private static List<BootstrapCost.SettingSize> settingSizes(List<ScoredAnswer> answers, Quirks scoring) {
        List<BootstrapCost.SettingSize> sizes = new ArrayList<>();
        for (String benchmark : answers.stream().map(ScoredAnswer::benchmark).distinct().toList()) {
            int intervals = SettingMetrics.bootstraps(rule(benchmark, scoring));
            List<ScoredAnswer> own = answers.stream().filter(a -> a.benchmark().equals(benchmark)).toList();
            for (List<ScoredAnswer> setting : RunSettings.split(own).values()) {
                int models = (int) setting.stream().map(ScoredAnswer::model).distinct().count();
                if (models >= 2) {
                    int items = (int) setting.stream().map(ScoredAnswer::itemId).distinct().count();
                    sizes.add(new BootstrapCost.SettingSize(items, models, intervals));
                }
            }
        }
        return sizes;
    }

    /** The benchmark's agreement rule, from the one place that decides it ({@link BenchmarkCatalog}). */
    private static AgreementRule rule(List<ScoredAnswer> answers, Quirks options) {
        List<String> benchmarks = answers.stream().map(ScoredAnswer::benchmark).distinct().toList();
        if (benchmarks.size() > 1) {
            throw new IllegalArgumentException("the files mix benchmarks " + benchmarks);
        }
        return rule(benchmarks.get(0), options);
    }

    private static AgreementRule rule(String benchmark, Quirks options) {
        return BenchmarkCatalog.byId(benchmark).orElseThrow(() -> new IllegalArgumentException(
                "unknown benchmark '" + benchmark + "' (known: " + BenchmarkCatalog.names() + ")"))
                .agreementRule(BenchmarkCatalog.Scoring.of(options));
    }
}
