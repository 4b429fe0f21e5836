package xcot.tasks;

import java.util.List;
import java.util.Optional;
import xcot.metrics.AgreementRule;
import xcot.metrics.ScoredAnswer;
import xcot.reference.Quirks;

/**
 * A benchmark as the experiment runner sees it, owning its protocol: its items with their prompts, its generation
 * protocol ({@link #kind()}), how a chain of thought is read out of a generation, how a completion is scored, when two
 * answers agree, and which reference file format its runs are also exported in. MedCalc-Bench, Instruction Induction
 * and the toy arithmetic task implement it (in {@code xcot.tasks.medcalc}, {@code .induction}, {@code .toy}); code
 * outside {@code xcot.tasks} asks these methods instead of testing which benchmark it has.
 */
public interface Benchmark {
    /** The name in records ({@code medcalc}, {@code induction}, {@code toy}). */
    String name();

    /** The generation protocol: forced answers, budgets, which reference quirks apply. */
    BenchmarkKind kind();

    /** The selected items, in run order. */
    List<BenchmarkItem> items();

    /** Scores one completion of item {@code itemId}. */
    ScoredAnswer score(String itemId, Completion completion, AnswerLabel label);

    /** When two models' answers agree (for consistency), under the given scoring quirks. */
    AgreementRule agreementRule(Quirks quirks);

    /**
     * The chain of thought of one generation, as the benchmark extracts it (what a transfer from it inserts).
     *
     * @param open  the generating model's opening thinking marker
     * @param close its closing marker
     */
    String thinking(String open, String close, String promptText, String continuation);

    /**
     * The chain a transfer from a source inserts into a target: the source's extracted thinking, unless a reference
     * quirk of this benchmark re-parses the source's output with the target's markers.
     */
    default String transferCot(String sourceThinking, String sourceFullText, String targetOpen, String targetClose,
            Quirks quirks) {
        return sourceThinking;
    }

    /** The explanation field of a record, for benchmarks whose answers carry one (MedCalc). */
    default Optional<String> explanation(Completion completion) {
        return Optional.empty();
    }

    /** Corrupted chains of thought this benchmark offers as extra transfer conditions; none by default. */
    default List<CotCorruption> corruptions() {
        return List.of();
    }

    /** The reference implementation's file format its runs are also exported in (e.g. {@code genex-medcalc}). */
    default Optional<String> referenceFormat() {
        return Optional.empty();
    }
}
