package xcot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import xcot.llm.ContextOptions;
import xcot.reference.Quirks;
import xcot.runs.QueueStatus;
import xcot.runs.RunOptions;
import xcot.runs.Runner;
import xcot.runs.WorkerOptions;
import xcot.runs.WorkerRunner;
import xcot.runs.config.ConfigKeys;
import xcot.runs.config.ConfigOverrides;
import xcot.runs.config.ConfigReader;
import xcot.runs.config.RunConfig;
import xcot.runs.dryrun.Calibration;
import xcot.runs.dryrun.DryRun;
import xcot.runs.plan.RunPlan;
import xcot.runs.store.StoreLocation;

/** {@code xcot run CONFIG}: runs an experiment described by a YAML config, resumably, alone or as one of many workers. */
@Command(name = "run", description = {
        "Run the experiment a YAML config describes: own CoTs (Empty, Default, Sampled), transfers between every "
                + "pair of models, the without-answer variants, ensembles; then print the summary table.",
        "Every generation is stored, as it finishes, in a cache all runs share (store.sqlite in "
                + "$XCOT_GENERATION_CACHE, else $XCOT_CACHE, else ~/.cache/xcot; the config's 'cache' key names another"
                + " folder): an interrupted run resumes where it stopped, and a finished run reruns from the cache. The run folder keeps config.yaml (the resolved "
                + "config), run.json (versions, machine, timings, model hashes), run.log (llama.cpp's log) and the "
                + "exports; a config that differs from its config.yaml is refused unless --force.",
        "With a shared store (--store postgresql://host/db, or 'store:' in the config) any number of processes on "
                + "any hosts run one experiment together: start each with --worker; --status shows the progress; "
                + "--export (on any host) writes the run folder when the plan is complete."})
final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "the run config (YAML)")
    private Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: xcot-runs/<name>)")
    private Path out;

    @Option(names = "--reference-compat", description = "turn on every reference quirk (docs/reference-pipeline.md) "
            + "to reproduce the reference implementation's texts and numbers")
    private boolean referenceCompat;

    @Option(names = "--parallel", paramLabel = "N", description = "sequences each model decodes together in one "
            + "batch (1 to 256), overriding the config's 'parallel' (default: as many as fit, up to 16)")
    private Integer parallel;

    @Option(names = "--limit", paramLabel = "N", description = "keep the first N items of the config's selection")
    private Integer limit;

    @Option(names = "--models", paramLabel = "NAME,...", split = ",", description = "run only these of the config's "
            + "models (ensembles that need another model are left out)")
    private List<String> models;

    @Option(names = "--conditions", paramLabel = "C,...", split = ",", description = "run these conditions instead of "
            + "the config's: empty, default, sampled, transfer, ensemble, corrupted")
    private List<String> conditions;

    @Option(names = "--dry-run", description = "print the plan (units per phase, tokens to decode at most, an estimated "
            + "time from a quick calibration of this machine) and run nothing")
    private boolean dryRun;

    @Option(names = "--force", description = "the run folder holds a run of another config: remove that run's outputs "
            + "and run this one (the shared cache keeps every generation)")
    private boolean force;

    @Option(names = "--verbose", description = "llama.cpp's log on stderr too (it always goes to the run folder's "
            + "run.log)")
    private boolean verbose;

    @Option(names = "--require-gpu", description = "a model that offloads layers (gpu-layers other than 0) on a "
            + "llama.cpp build without a GPU backend is an error, not a warning")
    private boolean requireGpu;

    /** The help section that lists the config keys with their defaults, after the options. */
    static final String CONFIG_KEYS_SECTION = "configKeys";

    /**
     * Adds the config keys with their defaults to {@code xcot run --help}, as {@link ConfigKeys#helpText} writes them
     * (a section of its own: picocli would re-wrap a footer).
     */
    static void addConfigKeys(CommandLine run) {
        run.getHelpSectionMap().put(CONFIG_KEYS_SECTION, help -> "%n".formatted() + ConfigKeys.helpText());
        List<String> sections = new java.util.ArrayList<>(run.getHelpSectionKeys());
        sections.add(sections.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER), CONFIG_KEYS_SECTION);
        run.setHelpSectionKeys(sections);
    }

    @Option(names = "--store", paramLabel = "URL", description = "the store: postgresql://host[:port]/database "
            + "(credentials from PGUSER/PGPASSWORD or ~/.pgpass, never from the URL); overrides the config's 'store'; "
            + "default: the generation cache's store.sqlite")
    private String store;

    @ArgGroup(exclusive = true)
    private Mode mode;

    /** What to do with a shared run instead of running it whole in this process. */
    static final class Mode {
        @Option(names = "--worker", description = "run as one worker of the shared run: publish the plan if no "
                + "worker has, then claim and run units until every unit is done")
        boolean worker;

        @Option(names = "--status", description = "show the shared run's progress per phase and per worker")
        boolean status;

        @Option(names = "--export", description = "write the run folder's exports and summary from the store, once "
                + "every unit of the shared run is done")
        boolean export;
    }

    @Option(names = "--lease", paramLabel = "SECONDS", description = "--worker: how long a claimed unit stays this "
            + "worker's without a heartbeat (renewed every third of it); a dead worker's unit is claimed again after "
            + "at most this long (default: ${DEFAULT-VALUE})", defaultValue = "120")
    private int leaseSeconds;

    @Option(names = "--worker-name", paramLabel = "NAME", description = "--worker: the name --status shows "
            + "(default: host:pid)")
    private String workerName;

    @Override
    public Integer call() {
        RunConfig c = new ConfigOverrides(limit == null ? OptionalInt.empty() : OptionalInt.of(limit),
                Optional.ofNullable(models), Optional.ofNullable(conditions)).applyTo(ConfigReader.read(config));
        if (referenceCompat) {
            c = c.withFlags(Quirks.referenceCompat());
        }
        if (parallel != null) {
            if (parallel < 1 || parallel > ContextOptions.MAX_SEQUENCES) {
                throw new ParameterException(spec.commandLine(), "--parallel must be in [1, "
                        + ContextOptions.MAX_SEQUENCES + "], not " + parallel);
            }
            c = c.withParallel(parallel);
        }
        Path dir = out != null ? out : RunReport.defaultRunDir(c.name());
        RunOptions options = RunOptions.defaults(spec.commandLine().getErr(), RunReport.stderrIsTerminal())
                .withSwitches(force, verbose, requireGpu);
        StoreLocation location = location(c, options);
        boolean worker = mode != null && mode.worker;
        if (!worker && (workerName != null || spec.commandLine().getParseResult().hasMatchedOption("--lease"))) {
            throw new ParameterException(spec.commandLine(), "--lease and --worker-name go with --worker");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (dryRun) {
            printPlan(c, dir, options, stdout);
        } else if (worker) {
            WorkerOptions w = WorkerOptions.defaults().withLease(Duration.ofSeconds(leaseSeconds));
            if (workerName != null) {
                w = w.withName(workerName);
            }
            printWorkerReport(WorkerRunner.work(c, location, options, w), stdout);
        } else if (mode != null && mode.status) {
            QueueStatus status = WorkerRunner.status(c, location, options);
            stdout.print(status.render());
            stdout.flush();
        } else if (mode != null && mode.export) {
            RunReport.print(WorkerRunner.export(c, dir, location, options), stdout);
        } else {
            RunReport.print(Runner.run(c, dir, location, options), stdout);
        }
        return 0;
    }

    /** The dry run of {@code c}: its plan and estimate, nothing run, nothing written into {@code dir}. */
    static void printPlan(RunConfig c, Path dir, RunOptions options, PrintWriter out) {
        RunPlan plan = Runner.plan(c, dir, options);
        out.print(DryRun.describe(plan, Calibration.measure(DryRun.threads(plan)), dir.toString()));
        out.flush();
    }

    private StoreLocation location(RunConfig c, RunOptions options) {
        String url = store != null ? store : c.store().orElse(null);
        try {
            return StoreLocation.of(url, options.cacheFor(c), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(this.spec.commandLine(), "--store: " + e.getMessage());
        }
    }

    private void printWorkerReport(WorkerRunner.Report r, PrintWriter stdout) {
        // The URL holds no credentials (they are refused there), so it may be printed.
        String export = "xcot run " + config + (store != null ? " --store " + store : "") + " --export";
        if (r.foundComplete()) {
            stdout.printf(Locale.ROOT, "plan %s is already complete (%d units): nothing to do; write the exports with"
                    + " %s%n", r.plan(), r.planUnits(), export);
        } else {
            stdout.printf(Locale.ROOT, "plan %s is complete (%d units); this worker ran %d%s: %d results computed, %d"
                    + " from the store, %d new tokens, %.1f s%n", r.plan(), r.planUnits(), r.unitsRun(),
                    r.unitsLost() == 0 ? "" : " (and lost the lease of " + r.unitsLost() + ")", r.resultsComputed(),
                    r.resultsRecalled(), r.newTokens(), r.wallNanos() / 1e9);
            stdout.printf(Locale.ROOT, "queue      claim %s; complete %s%n", r.claimLatency().line(),
                    r.completeLatency().line());
            stdout.printf(Locale.ROOT, "exports    %s%n", export);
        }
        stdout.flush();
    }
}
