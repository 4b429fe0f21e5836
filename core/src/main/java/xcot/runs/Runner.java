package xcot.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import xcot.methods.EnsembleCot;
import xcot.profiles.ModelFamily;
import xcot.records.XcotJsonl;
import xcot.runs.store.RunStore;
import xcot.runs.store.StoreLocation;
import xcot.tasks.MedCalcBenchmark;

/**
 * Runs an experiment: checks everything first ({@link Preflight}), then the phases — own CoTs, ensemble CoTs, answer
 * removal, inserted CoTs — each loading one model (or one ensemble) at a time and freeing it before the next, then
 * writes the exports and scores the settings. Every attempt is stored as it finishes, so a killed run resumes where
 * it stopped, and a finished run reruns from the store in seconds.
 *
 * <p>Files in the run folder: {@code store.sqlite}, {@code answers.jsonl} (xcot format, every record), for MedCalc
 * {@code genex-medcalc/*.jsonl} (the reference's format), {@code ensemble-traces.jsonl} when ensembles ran.
 */
public final class Runner {
    public static final String ANSWERS = "answers.jsonl";
    public static final String GENEX_DIR = "genex-medcalc";
    public static final String TRACES = "ensemble-traces.jsonl";

    private Runner() {}

    public static RunResult run(RunConfig config, Path runDir, RunOptions options) {
        long start = System.nanoTime();
        Progress progress = new Progress(options.err(), options.terminal(), System::nanoTime);
        try (RunStore store = RunStore.open(new StoreLocation.RunFolder(runDir))) {
            RunContext ctx = Preflight.prepare(config, runDir, store, options, progress);
            progress.addTotal(OwnPhase.units(ctx) + EnsemblePhase.units(ctx) + InsertPhase.units(ctx));
            Results results = new Results();
            AttemptRunner runner = new AttemptRunner(ctx);
            OwnPhase.run(ctx, results, runner);
            Map<String, EnsembleCot> ensembleCots = EnsemblePhase.run(ctx);
            Set<String> toSanitize = SanitizePhase.inputs(ctx, results, ensembleCots);
            progress.addTotal(toSanitize.size());
            Map<String, String> sanitized = SanitizePhase.run(ctx, toSanitize);
            InsertPhase.run(ctx, results, runner, ensembleCots, sanitized);
            progress.finish();

            Path answers = writeAnswers(runDir, results);
            List<Path> genex = List.of();
            if (ctx.benchmark instanceof MedCalcBenchmark medcalc) {
                genex = GenexExport.write(runDir.resolve(GENEX_DIR), medcalc, results, ossEfforts(ctx));
            }
            if (!ensembleCots.isEmpty()) {
                writeTraces(runDir, ctx, ensembleCots);
            }
            List<SettingSummary> settings = Summaries.of(results, ctx.benchmark, config.flags().scoring(), List.of());
            List<SettingSummary> settingsWithout = config.summaryWithout().isEmpty() ? List.of()
                    : Summaries.of(results, ctx.benchmark, config.flags().scoring(), config.summaryWithout());
            return new RunResult(runDir, ctx.benchmark.name(), ctx.models.stream().map(ResolvedModel::name).toList(),
                    config.flags(), answers, genex, settings, config.summaryWithout(), settingsWithout,
                    progress.done() - progress.recalled(), progress.recalled(), progress.newTokens(),
                    System.nanoTime() - start);
        } finally {
            progress.finish();
        }
    }

    /** gpt-oss Default files carry the effort in their name ({@code _original_low}), as in the reference. */
    private static Map<String, String> ossEfforts(RunContext ctx) {
        Map<String, String> efforts = new HashMap<>();
        for (ResolvedModel m : ctx.models) {
            if (m.profile().family() == ModelFamily.GPT_OSS) {
                efforts.put(m.name(), m.config().reasoningEffort());
            }
        }
        return efforts;
    }

    /** Written to a temporary file and moved into place, so a reader never sees half a file. */
    private static Path writeAnswers(Path runDir, Results results) {
        List<String> lines = new ArrayList<>();
        for (var e : results.ordered()) {
            AttemptRecord r = e.getValue();
            var a = r.attempt();
            String stop = a.passes().isEmpty() ? "" : a.passes().getLast().stopReason().name();
            XcotJsonl.Details details = new XcotJsonl.Details(
                    r.seed().isPresent() ? Optional.of(r.seed().getAsLong()) : Optional.empty(),
                    a.insertedCot(),
                    a.thinking(), a.continuation(), a.generatedTokens(), stop);
            lines.add(XcotJsonl.line(r.answer(), details));
        }
        return writeAtomically(runDir.resolve(ANSWERS), lines);
    }

    private static void writeTraces(Path runDir, RunContext ctx, Map<String, EnsembleCot> cots) {
        List<String> lines = new ArrayList<>();
        for (EnsembleConfig combo : ctx.config.ensembles()) {
            for (var item : ctx.items) {
                EnsembleCot cot = cots.get(EnsemblePhase.id(combo, item.id()));
                for (String event : cot.traceJsonLines()) {
                    lines.add("{\"combination\":" + quote(combo.label()) + ",\"item\":" + quote(item.id())
                            + ",\"event\":" + event + "}");
                }
            }
        }
        writeAtomically(runDir.resolve(TRACES), lines);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder();
        PythonJson.string(out, s);
        return out.toString();
    }

    static Path writeAtomically(Path file, List<String> lines) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
