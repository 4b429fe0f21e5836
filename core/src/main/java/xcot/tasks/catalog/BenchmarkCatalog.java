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
import xcot.tasks.induction.Similarity;
import xcot.tasks.medcalc.MedCalcBenchmark;
import xcot.tasks.toy.ToyBenchmark;

/** The benchmarks a run config or a scored file can name, and the one place that builds them. */
public enum BenchmarkCatalog {
    MEDCALC("medcalc", "paper", (selection, o) -> new MedCalcBenchmark(selection, o.quirks()),
            o -> MedCalcBenchmark.agreementRuleOf(o.quirks())),
    INDUCTION("induction", "paper", (selection, o) -> new InductionBenchmark(selection, o.similarity()),
            o -> InductionBenchmark.agreementRuleOf(o.similarity())),
    TOY("toy", ToyBenchmark.HELD_OUT, (selection, o) -> new ToyBenchmark(selection),
            o -> ToyBenchmark.agreementRuleOf(o.quirks()));

    /**
     * How a benchmark scores: the reference's scoring quirks, and the similarity graded benchmarks (Instruction
     * Induction) compare answers with.
     */
    public record Scoring(Quirks quirks, Similarity similarity) {
        public Scoring {
            java.util.Objects.requireNonNull(quirks, "quirks");
            java.util.Objects.requireNonNull(similarity, "similarity");
        }

        public static Scoring of(Quirks quirks) {
            return new Scoring(quirks, Similarity.DEFAULT);
        }
    }

    private final String id;
    private final String defaultSubset;
    private final BiFunction<ItemSelection, Scoring, Benchmark> factory;
    private final Function<Scoring, AgreementRule> agreement;

    BenchmarkCatalog(String id, String defaultSubset, BiFunction<ItemSelection, Scoring, Benchmark> factory,
            Function<Scoring, AgreementRule> agreement) {
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
    public Benchmark create(ItemSelection selection, Scoring scoring) {
        return factory.apply(selection, scoring);
    }

    /** When two answers of this benchmark agree, from its name alone ({@code xcot score} reads files without a run). */
    public AgreementRule agreementRule(Scoring scoring) {
        return agreement.apply(scoring);
    }

    public static Optional<BenchmarkCatalog> byId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }

    /** The names, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(BenchmarkCatalog::id).toList());
    }
}
