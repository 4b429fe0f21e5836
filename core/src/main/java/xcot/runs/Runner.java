package xcot.runs;

import java.nio.file.Path;
import java.util.List;
import xcot.metrics.ScoredAnswer;
import xcot.runs.config.RunConfig;
import xcot.runs.export.Exports;
import xcot.runs.export.SettingSummary;
import xcot.runs.export.Summaries;
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
 * unit is stored as it finishes, so a killed run resumes where it stopped, and a finished run reruns from the store
 * in seconds.
 *
 * <p>Files in the run folder: {@code store.sqlite} and the files of {@link xcot.runs.export.RunFiles}.
 */
public final class Runner {
    private Runner() {}

    public static RunResult run(RunConfig config, Path runDir, RunOptions options) {
        return run(config, runDir, new StoreLocation.RunFolder(runDir), options);
    }

    /** A run in one process whose store is {@code location} (a shared PostgreSQL store, say); exports go to runDir. */
    public static RunResult run(RunConfig config, Path runDir, StoreLocation location, RunOptions options) {
        long start = System.nanoTime();
        Progress progress = new Progress(options.err(), options.terminal(), System::nanoTime);
        try (RunStore store = RunStore.open(location)) {
            RunPlan plan = Preflight.plan(config, store, options);
            progress.addTotal(plan.unitCount());
            Results results = new Results();
            Phases.run(new PhaseContext(plan, store, results, HaltAtStoreEvent.wrapIfArmed(progress), options.env(),
                    options.ensemble()));
            progress.finish();

            Exports.Written written = Exports.write(runDir, plan, results);
            return result(runDir, plan, results, written, progress.done() - progress.recalled(), progress.recalled(),
                    progress.newTokens(), System.nanoTime() - start);
        } finally {
            progress.finish();
        }
    }

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

    /** The plan of a config, resolved and checked as a run would, without running anything (the dry run). */
    public static RunPlan plan(RunConfig config, Path runDir, RunOptions options) {
        try (RunStore store = RunStore.open(new StoreLocation.RunFolder(runDir))) {
            return Preflight.plan(config, store, options);
        }
    }
}
