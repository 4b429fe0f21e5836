package xcot.runs;

import java.util.List;
import xcot.tasks.Benchmark;
import xcot.tasks.InductionBenchmark;
import xcot.tasks.MedCalcBenchmark;
import xcot.tasks.ToyBenchmark;

/** The benchmarks a run config can name, and the one place that builds them. */
public final class BenchmarkCatalog {
    /** The names a config's {@code benchmark} may have. */
    public static final List<String> NAMES = List.of("medcalc", "induction", "toy");

    private BenchmarkCatalog() {}

    /** The subset a config gets when it names none: the paper's items, or the toy task's held-out problems. */
    public static String defaultSubset(String benchmark) {
        return benchmark.equals("toy") ? ToyBenchmark.HELD_OUT : "paper";
    }

    public static Benchmark create(RunConfig config) {
        try {
            return switch (config.benchmark()) {
                case "medcalc" -> new MedCalcBenchmark(config.selection(), config.flags().scoring());
                case "induction" -> new InductionBenchmark(config.selection());
                case "toy" -> new ToyBenchmark(config.selection());
                default -> throw new IllegalArgumentException("unknown benchmark '" + config.benchmark() + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.source(), 0, e.getMessage());
        }
    }
}
