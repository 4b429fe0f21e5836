package xcot.tasks;

import java.util.List;
import xcot.metrics.AgreementRule;
import xcot.metrics.ScoredAnswer;
import xcot.reference.Quirks;

/**
 * A benchmark as the experiment runner sees it: its items with their prompts, its generation protocol, and how a
 * completion is scored. MedCalc-Bench ({@link MedCalcBenchmark}), Instruction Induction ({@link InductionBenchmark})
 * and the toy arithmetic task implement it; each reads its items from its one existing place.
 */
public interface Benchmark {
    /** The name in records ({@code medcalc}, {@code induction}, {@code toy}). */
    String name();

    BenchmarkKind kind();

    /** The selected items, in run order. */
    List<BenchmarkItem> items();

    /** Scores one completion of item {@code itemId}. */
    ScoredAnswer score(String itemId, Completion completion, AnswerLabel label);

    /** When two models' answers agree (for consistency). */
    default AgreementRule agreementRule(Quirks options) {
        return Benchmarks.agreementRule(name(), options);
    }

    /** Corrupted chains of thought this benchmark offers as extra transfer conditions; none by default. */
    default List<CotCorruption> corruptions() {
        return List.of();
    }
}
