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
import xcot.formats.GenexInductionFiles;
import xcot.formats.GenexInductionScoring;
import xcot.formats.GenexInductionSetting;
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
                    + "and printed as one table, each row with the command that scores it alone."
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
        Quirks options = quirks();
        List<ScoredAnswer> answers = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        AgreementRule rule = null;
        if (format == Format.GENEX_INDUCTION) {
            GenexInductionSetting setting = GenexInductionFiles.read(files);
            problems.addAll(setting.problems());
            warn(problems, "");
            GenexInductionScoring.Scored scored = GenexInductionScoring.score(setting, options, similarity());
            scored.skipped().forEach(line -> spec.commandLine().getErr().println("xcot: warning: " + line));
            answers.addAll(scored.answers());
            rule = scored.rule();
        } else {
            if (similarity != null) {
                throw new IllegalArgumentException("--similarity applies to --format genex-induction");
            }
            for (Path file : files) {
                ReadResult<ScoredAnswer> read =
                        format == Format.XCOT ? XcotJsonl.read(file) : GenexMedCalcFiles.readScored(file);
                answers.addAll(read.values());
                problems.addAll(read.problems());
            }
            warn(problems, " (line skipped)");
        }
        answers = select(answers);
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("no answers to score in " + files.size() + " file(s)");
        }
        if (condition == null && format != Format.GENEX_INDUCTION && RunSettings.split(answers).size() > 1) {
            return scoreEverySetting(answers);
        }
        Setting setting = Setting.of(answers);
        if (setting.models().size() < 2) {
            throw new IllegalArgumentException("need answers of at least two models, found " + setting.models());
        }
        SettingReport report = SettingMetrics.score(setting, rule != null ? rule : rule(answers, options),
                options.has(Quirk.STRING_BREAKDOWN), bootstrapOptions.spec());
        ScoreOutput output = new ScoreOutput(options, format.label(), files, similarityLabel(), report, problems,
                bootstrapOptions.spec());
        spec.commandLine().getOut().print(json ? output.json() : output.text());
        spec.commandLine().getOut().flush();
        return 0;
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

    /** The benchmark's agreement rule, from the one place that decides it ({@link BenchmarkCatalog}). */
    private static AgreementRule rule(List<ScoredAnswer> answers, Quirks options) {
        List<String> benchmarks = answers.stream().map(ScoredAnswer::benchmark).distinct().toList();
        if (benchmarks.size() > 1) {
            throw new IllegalArgumentException("the files mix benchmarks " + benchmarks);
        }
        return BenchmarkCatalog.byId(benchmarks.get(0)).orElseThrow(() -> new IllegalArgumentException(
                "unknown benchmark '" + benchmarks.get(0) + "' (known: " + BenchmarkCatalog.names() + ")"))
                .agreementRule(BenchmarkCatalog.Scoring.of(options));
    }
}
