package xcot.runs;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;
import xcot.methods.EnsembleCotSource;
import xcot.tasks.Benchmark;

/**
 * How a run is carried out, besides its config.
 *
 * @param err        where progress, warnings and notes go (stderr)
 * @param terminal   whether {@code err} is a terminal (progress redraws one line) or a log (plain lines)
 * @param env        the environment (the HTTP answer remover reads its settings from it)
 * @param today      the run's start date, stored as its harmony date on the first run
 * @param benchmarks builds the configured benchmark ({@link BenchmarkCatalog#create} by default)
 * @param ensembles  ensemble engines on offer (by default those registered with {@link ServiceLoader})
 */
public record RunOptions(PrintWriter err, boolean terminal, Map<String, String> env, LocalDate today,
                         Function<RunConfig, Benchmark> benchmarks, List<EnsembleCotSource> ensembles) {
    public RunOptions {
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(benchmarks, "benchmarks");
        ensembles = List.copyOf(ensembles);
    }

    public static RunOptions defaults(PrintWriter err, boolean terminal) {
        return new RunOptions(err, terminal, System.getenv(), LocalDate.now(), BenchmarkCatalog::create,
                ServiceLoader.load(EnsembleCotSource.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public RunOptions withBenchmarks(Function<RunConfig, Benchmark> factory) {
        return new RunOptions(err, terminal, env, today, factory, ensembles);
    }

    public RunOptions withEnsembles(List<EnsembleCotSource> engines) {
        return new RunOptions(err, terminal, env, today, benchmarks, engines);
    }
}
