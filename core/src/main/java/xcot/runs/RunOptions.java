package xcot.runs;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
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
 */
public record RunOptions(PrintWriter err, boolean terminal, Map<String, String> env, LocalDate today,
                         Function<RunConfig, Benchmark> benchmarks, EnsembleCotSource ensemble) {
    public RunOptions {
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(benchmarks, "benchmarks");
        Objects.requireNonNull(ensemble, "ensemble");
    }

    public static RunOptions defaults(PrintWriter err, boolean terminal) {
        return new RunOptions(err, terminal, System.getenv(), LocalDate.now(), RunOptions::createBenchmark,
                new IncrementalEnsembleSource());
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
        return new RunOptions(err, terminal, env, today, factory, ensemble);
    }

    public RunOptions withEnsemble(EnsembleCotSource engine) {
        return new RunOptions(err, terminal, env, today, benchmarks, engine);
    }
}
