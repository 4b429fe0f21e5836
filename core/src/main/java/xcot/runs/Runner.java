package xcot.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.metrics.ScoredAnswer;
import xcot.runs.config.RunConfig;
import xcot.runs.export.Exports;
import xcot.runs.export.RunFiles;
import xcot.runs.export.SettingSummary;
import xcot.runs.export.Summaries;
import xcot.runs.folder.ConfigYaml;
import xcot.runs.folder.FolderGuard;
import xcot.runs.folder.RunLock;
import xcot.runs.folder.RunLog;
import xcot.runs.folder.RunManifest;
import xcot.runs.folder.StepTimings;
import xcot.runs.folder.UsedCache;
import xcot.runs.phases.PhaseContext;
import xcot.runs.phases.Phases;
import xcot.runs.plan.RunPlan;
import xcot.runs.results.Results;
import xcot.runs.store.RunStore;
import xcot.runs.store.StoreLocation;

/**
 * Runs an experiment: {@link Preflight} checks everything and resolves the config into a {@link RunPlan}; the phases
 * execute the plan's steps — own CoTs, ensemble CoTs, answer removal, inserted CoTs — each loading one model (or one
 * ensemble) at a time and freeing it before the next; then the exports are written and the settings scored. Every
 * generation and unit is stored in the shared cache ({@code store.sqlite} in {@link RunOptions#cacheFor}) as it
 * finishes, keyed by its content, so a killed run resumes where it stopped, a finished run reruns in seconds, and
 * another run (another folder, another config) reuses every result it shares.
 *
 * <p>The run folder holds the lock while a process writes it ({@link RunLock}), the resolved config
 * ({@link ConfigYaml}: a rerun of another config into the folder is refused, see {@link FolderGuard}), the provenance
 * ({@link RunManifest}), llama.cpp's log ({@link RunLog}), the keys of the cached results the run used
 * ({@link UsedCache}) and the exports ({@link RunFiles}).
 */
public final class Runner {
    private Runner() {}

    /** A run in one process whose store is the shared generation cache's SQLite file. */
    public static RunResult run(RunConfig config, Path runDir, RunOptions options) {
        return run(config, runDir, new StoreLocation.Sqlite(options.cacheFor(config)), options);
    }

    private static void removeIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty, or not ours to remove: either way nothing to undo
        }
    }

    /** A run in one process whose store is {@code location} (a shared PostgreSQL store, say); exports go to runDir. */
    public static RunResult run(RunConfig config, Path runDir, StoreLocation location, RunOptions options) {
        boolean existed = Files.isDirectory(runDir);
        try {
            return runLocked(config, runDir, location, options);
        } catch (RuntimeException e) {
            if (!existed) {
                removeIfEmpty(runDir); // a run refused before it wrote anything leaves no empty folder behind
            }
            throw e;
        }
    }

    private static RunResult runLocked(RunConfig config, Path runDir, StoreLocation location, RunOptions options) {
        long start = System.nanoTime();
        Instant started = Instant.now();
        Path cache = options.cacheFor(config);
        try (RunLock lock = RunLock.acquire(runDir);
                RunLog log = RunLog.start(options.err(), options.verbose());
                UsedCache store = new UsedCache(RunStore.open(location))) {
            Optional<JsonNode> previous = RunManifest.read(runDir);
            // The preflight's notes (parallel chosen, ensemble fit, GPU warnings) wait until the folder is accepted:
            // a run refused for its folder says that one line only.
            StringWriter notes = new StringWriter();
            RunPlan plan = Preflight.plan(config, store, options.withErr(new PrintWriter(notes, true)),
                    RunManifest.recordedHarmonyDate(previous), RunManifest.recordedParallel(previous), true);
            String configYaml = ConfigYaml.render(plan, cache);
            FolderGuard.Outcome folder = FolderGuard.prepare(runDir, configYaml, options.force());
            options.err().print(notes);
            options.err().flush();
            log.writeTo(runDir);
            if (folder == FolderGuard.Outcome.REPLACED) {
                log.note("--force: the outputs of the run of another config were removed");
                options.err().println("xcot: " + runDir + ": the outputs of the run of another config were removed"
                        + " (--force)");
            }
            Exports.writeAtomically(runDir.resolve(RunFiles.CONFIG), List.of(configYaml.stripTrailing()));
            Instant first = folder == FolderGuard.Outcome.SAME_CONFIG
                    ? RunManifest.recordedFirstStart(previous).orElse(started) : started;
            new RunManifest(plan, cache, first, started, Optional.empty(), List.of(), Map.of()).write(runDir);

            Progress progress = new Progress(options.err(), options.terminal(), System::nanoTime, plan.unitCount(),
                    plan.steps());
            StepTimings timings = new StepTimings(plan.steps(), System::nanoTime);
            Results results = new Results();
            try {
                Phases.run(new PhaseContext(plan, store, results,
                        HaltAtStoreEvent.wrapIfArmed(PhaseListeners.of(progress, timings)), options.env(),
                        options.ensemble()));
            } finally {
                progress.finish();
                timings.finish();
            }

            Exports.Written written = Exports.write(runDir, plan, results);
            store.writeKeys(runDir.resolve(RunFiles.CACHE_KEYS));
            new RunManifest(plan, cache, first, started, Optional.of(Instant.now()), timings.steps(), store.counts())
                    .write(runDir);
            return result(runDir, plan, results, written, progress.done() - progress.recalled(), progress.recalled(),
                    progress.newTokens(), System.nanoTime() - start);
        }
    }

    /**
     * The plan of a config, resolved and checked as a run would (without the isolated model check, which loads every
     * new model file in a child process), writing nothing into the run folder: the dry run.
     */
    /** What a run produced, its settings scored from {@code results}. */
    static RunResult result(Path runDir, RunPlan plan, Results results, Exports.Written written, long computedUnits,
            long recalledUnits, long newTokens, long wallNanos) {
        RunConfig config = plan.config();
        List<ScoredAnswer> answers = results.exported(plan).stream().map(e -> e.getValue().answer()).toList();
        var scoring = config.flags().scoring();
        List<SettingSummary> settings = Summaries.of(answers, plan.benchmark(), scoring, List.of());
        List<SettingSummary> settingsWithout = config.summaryWithout().isEmpty() ? List.of()
                : Summaries.of(answers, plan.benchmark(), scoring, config.summaryWithout());
        return new RunResult(runDir, plan.benchmark().name(), plan.models().stream().map(m -> m.name()).toList(),
                config.flags(), written.answers(), written.reference(), settings, config.summaryWithout(),
                settingsWithout, computedUnits, recalledUnits, newTokens, wallNanos);
    }

    /**
     * The plan of a config, resolved and checked as a run would (without the isolated model check, which loads every
     * new model file in a child process), writing nothing into the run folder: the dry run.
     */
    public static RunPlan plan(RunConfig config, Path runDir, RunOptions options) {
        try (RunLog log = RunLog.start(options.err(), options.verbose());
                RunStore store = RunStore.open(new StoreLocation.Sqlite(options.cacheFor(config)))) {
            return Preflight.plan(config, store, options, RunManifest.recordedHarmonyDate(RunManifest.read(runDir)),
                    false);
        }
    }
}
