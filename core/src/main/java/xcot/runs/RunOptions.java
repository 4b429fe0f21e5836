package xcot.runs;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import xcot.fixtures.CacheDirs;
import xcot.methods.EnsembleCotSource;
import xcot.methods.ensemble.IncrementalEnsembleSource;
import xcot.runs.config.ConfigException;
import xcot.runs.config.RunConfig;
import xcot.tasks.Benchmark;
import xcot.tasks.catalog.BenchmarkCatalog;

/**
 * How a run is carried out, besides its config.
 *
 * @param err        where progress, warnings and notes go (stderr)
 * @param terminal   whether {@code err} is a terminal (progress redraws one line) or a log (plain lines)
 * @param env        the environment (the HTTP answer remover reads its settings from it)
 * @param today      the run's start date, stored as its harmony date on the first run
 * @param benchmarks builds the configured benchmark ({@link BenchmarkCatalog#create} by default)
 * @param ensemble   the engine of the Ensemble condition ({@link IncrementalEnsembleSource} by default)
 * @param cache      the folder of the shared generation cache when the config names none
 *                   ({@code $XCOT_GENERATION_CACHE}, else {@code $XCOT_CACHE})
 * @param force      a run folder holding a run of another config is emptied of its outputs instead of refused
 * @param verbose    llama.cpp's log goes to stderr as well as to the run folder's {@code run.log}
 * @param requireGpu a model that offloads layers on a build without a GPU backend is an error, not a warning
 */
public record RunOptions(PrintWriter err, boolean terminal, Map<String, String> env, LocalDate today,
                         Function<RunConfig, Benchmark> benchmarks, EnsembleCotSource ensemble, Path cache,
                         boolean force, boolean verbose, boolean requireGpu) {
    public RunOptions {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(benchmarks, "benchmarks");
        Objects.requireNonNull(ensemble, "ensemble");
    }

    public static RunOptions defaults(PrintWriter err, boolean terminal) {
        return new RunOptions(err, terminal, System.getenv(), LocalDate.now(), RunOptions::createBenchmark,
                new IncrementalEnsembleSource(), CacheDirs.generations(), false, false, false);
    }

    /** The configured benchmark, its items selected. */
    public static Benchmark createBenchmark(RunConfig config) {
        try {
            return config.benchmark().create(config.selection(),
                    new BenchmarkCatalog.Scoring(config.flags().scoring(), config.similarity()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.source(), 0, e.getMessage());
        }
    }

    public RunOptions withBenchmarks(Function<RunConfig, Benchmark> factory) {
        return new RunOptions(err, terminal, env, today, factory, ensemble, cache, force, verbose, requireGpu);
    }

    public RunOptions withEnsemble(EnsembleCotSource engine) {
        return new RunOptions(err, terminal, env, today, benchmarks, engine, cache, force, verbose, requireGpu);
    }

    /** The same options with notes, warnings and progress going to {@code writer}. */
    public RunOptions withErr(PrintWriter writer) {
        return new RunOptions(writer, terminal, env, today, benchmarks, ensemble, cache, force, verbose, requireGpu);
    }

    public RunOptions withCache(Path folder) {
        return new RunOptions(err, terminal, env, today, benchmarks, ensemble, folder, force, verbose, requireGpu);
    }

    /** The run folder command-line switches: {@code --force}, {@code --verbose}, {@code --require-gpu}. */
    public RunOptions withSwitches(boolean replace, boolean logToStderr, boolean gpuRequired) {
        return new RunOptions(err, terminal, env, today, benchmarks, ensemble, cache, replace, logToStderr,
                gpuRequired);
    }

    /** The cache folder of a run of {@code config}: its {@code cache} key, else {@link #cache()}. */
    public Path cacheFor(RunConfig config) {
        return config.cache().orElse(cache);
    }
}
