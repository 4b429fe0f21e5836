package xcot.tasks.catalog;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import xcot.metrics.AgreementRule;
import xcot.reference.Quirks;
import xcot.tasks.Benchmark;
import xcot.tasks.ItemSelection;
import xcot.tasks.induction.InductionBenchmark;
import xcot.tasks.medcalc.MedCalcBenchmark;
import xcot.tasks.toy.ToyBenchmark;

/** The benchmarks a run config or a scored file can name, and the one place that builds them. */
public enum BenchmarkCatalog {
    MEDCALC("medcalc", "paper", MedCalcBenchmark::new, MedCalcBenchmark::agreementRuleOf),
    INDUCTION("induction", "paper", (selection, quirks) -> new InductionBenchmark(selection),
            InductionBenchmark::agreementRuleOf),
    TOY("toy", ToyBenchmark.HELD_OUT, (selection, quirks) -> new ToyBenchmark(selection), ToyBenchmark::agreementRuleOf);

    private final String id;
    private final String defaultSubset;
    private final BiFunction<ItemSelection, Quirks, Benchmark> factory;
    private final Function<Quirks, AgreementRule> agreement;

    BenchmarkCatalog(String id, String defaultSubset, BiFunction<ItemSelection, Quirks, Benchmark> factory,
            Function<Quirks, AgreementRule> agreement) {
        this.id = id;
        this.defaultSubset = defaultSubset;
        this.factory = factory;
        this.agreement = agreement;
    }

    /** The name in configs and records. */
    public String id() {
        return id;
    }

    /** The subset a config gets when it names none: the paper's items, or the toy task's held-out problems. */
    public String defaultSubset() {
        return defaultSubset;
    }

    /**
     * Builds the benchmark with its items selected.
     *
     * @throws IllegalArgumentException for an unknown subset or item id
     */
    public Benchmark create(ItemSelection selection, Quirks quirks) {
        return factory.apply(selection, quirks);
    }

    /** When two answers of this benchmark agree, from its name alone ({@code xcot score} reads files without a run). */
    public AgreementRule agreementRule(Quirks quirks) {
        return agreement.apply(quirks);
    }

    public static Optional<BenchmarkCatalog> byId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }

    /** The names, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(BenchmarkCatalog::id).toList());
    }
}
