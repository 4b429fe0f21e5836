package xcot.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.metrics.BootstrapSpec;
import xcot.reports.Provenance.Row;

/** Builds {@link Report}s: of a run folder, of the paper's published outputs, or empty (for the user study alone). */
public final class Reports {
    /** The commit of the authors' repository the published files come from. */
    static final String PUBLISHED_SOURCE = "KoyenaPal/genex @ cd449f8103848f12f798ebf8040f73ec8a135d67, "
            + "MedCalc-Bench/evaluation/outputs/";

    private Reports() {}

    public static Report ofRun(RunFolder run, ScoringMode scoring, BootstrapSpec spec) {
        String answers = run.answersFile().toAbsolutePath().normalize().toString();
        List<BenchmarkReport> benchmarks = BenchmarkReports.build(run.answers(), scoring.quirks(), spec,
                key -> ScoreCommands.line(RunSettings.xcotArguments(key, scoring), List.of(answers)), run.ensembles());
        return new Report(run.name(), run.dir().toAbsolutePath().normalize().toString(), scoring, spec, benchmarks,
                run.provenance(), Optional.empty(), Optional.empty());
    }

    /**
     * The paper's published MedCalc outputs. The {@code xcot score} lines name the files where a checkout has them
     * (run them from the repository root).
     */
    public static Report published(ScoringMode scoring, BootstrapSpec spec) {
        List<String> arguments = new ArrayList<>(List.of("--format", "genex-medcalc"));
        arguments.addAll(scoring.scoreArguments());
        List<BenchmarkReport> benchmarks = BenchmarkReports.build(PublishedMedCalc.answers(), scoring.quirks(), spec,
                key -> ScoreCommands.line(arguments, PublishedMedCalc.filesOf(key.condition()).stream()
                        .map(f -> PublishedMedCalc.CHECKOUT_DIR + f).toList()), List.of());
        Provenance provenance = Provenance.none(List.of(
                new Row("source", PUBLISHED_SOURCE),
                new Row("files", PublishedMedCalc.files().size() + " files shipped in " + PublishedMedCalc.CHECKOUT_DIR),
                new Row("models", "openai/gpt-oss-20b, BytedTsinghua-SIA/DAPO-Qwen-32B, Qwen/QwQ-32B, "
                        + "open-thoughts/OpenThinker-7B, nvidia/Nemotron-Research-Reasoning-Qwen-1.5B"),
                new Row("items", "the paper's 100 MedCalc-Bench test rows"),
                new Row("commands", "run the xcot score lines from the repository root")));
        return new Report("The paper's published MedCalc outputs", "published outputs (" + PUBLISHED_SOURCE + ")",
                scoring, spec, benchmarks, provenance, Optional.empty(), Optional.empty());
    }

    /** A report with no benchmark, for sections that stand alone (the user study, a comparison). */
    public static Report empty(String title, String subject, ScoringMode scoring, BootstrapSpec spec) {
        return new Report(title, subject, scoring, spec, List.of(), Provenance.none(List.of()), Optional.empty(),
                Optional.empty());
    }
}
