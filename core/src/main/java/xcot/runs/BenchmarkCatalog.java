package xcot.runs;

import java.util.ServiceLoader;
import xcot.tasks.Benchmark;
import xcot.tasks.InductionBenchmark;
import xcot.tasks.MedCalcBenchmark;

/**
 * Builds the benchmark a config names. MedCalc and Instruction Induction are built in; the toy task comes from the
 * zoo through {@link ToyBenchmarkProvider} (a {@link ServiceLoader} service), so the runner does not depend on it.
 */
public final class BenchmarkCatalog {
    private BenchmarkCatalog() {}

    /** Supplies the toy benchmark when the zoo is on the classpath. */
    public interface ToyBenchmarkProvider {
        Benchmark create(xcot.tasks.ItemSelection selection);
    }

    public static Benchmark create(RunConfig config) {
        return switch (config.benchmark()) {
            case "medcalc" -> new MedCalcBenchmark(config.selection(), config.flags().scoring());
            case "induction" -> new InductionBenchmark(config.selection());
            case "toy" -> ServiceLoader.load(ToyBenchmarkProvider.class).findFirst()
                    .orElseThrow(() -> new ConfigException(config.source(), 0, "benchmark 'toy' needs the toy "
                            + "task of the zoo (xcot.tasks.toy), which this build does not have"))
                    .create(config.selection());
            default -> throw new ConfigException(config.source(), 0, "unknown benchmark '" + config.benchmark() + "'");
        };
    }
}
