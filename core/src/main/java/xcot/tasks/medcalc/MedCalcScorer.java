package xcot.tasks.medcalc;

import xcot.tasks.Completion;
import java.util.Optional;
import xcot.metrics.Outcome;
import xcot.metrics.ScoredAnswer;
import xcot.pycompat.PyError;
import xcot.reference.Quirk;
import xcot.reference.Quirks;

/**
 * Scores MedCalc generations end to end: extraction, normalization, correctness. The steps are exposed separately
 * so that stored answers can be re-judged ({@link #judgeNormalized}) and re-normalized.
 */
public final class MedCalcScorer {
    /** Benchmark name in xcot records. */
    public static final String BENCHMARK = "medcalc";

    private final Quirks options;
    private final AnswerNormalizer normalizer;

    public MedCalcScorer(Quirks options) {
        this.options = options;
        this.normalizer = new AnswerNormalizer(options);
    }

    public Quirks options() {
        return options;
    }

    /** Judges a raw generation. */
    public Judgment judge(MedCalcRow row, Completion transcript) {
        return judgeExtracted(row.groundTruth(), AnswerExtractor.extract(transcript, options));
    }

    /** Judges an answer string as extracted from the text. */
    public Judgment judgeExtracted(GroundTruth truth, String extracted) {
        String normalized;
        try {
            normalized = normalizer.normalize(extracted, truth.calculatorId());
        } catch (PyError e) {
            return Judgment.failed(e.getMessage());
        }
        if (!options.has(Quirk.ID69_RAISE) && normalized.equals(AnswerNormalizer.NOT_AVAILABLE)
                && CalculatorKind.require(truth.calculatorId()) == CalculatorKind.GESTATIONAL_AGE) {
            // The reference scores this "N/A" as a plain wrong answer; it is a failure to answer.
            return Judgment.failed("no (weeks, days) pair in the answer");
        }
        return judgeNormalized(truth, normalized);
    }

    /** Judges an already normalized answer, as {@code check_correctness} does. */
    public Judgment judgeNormalized(GroundTruth truth, String normalized) {
        try {
            return new Judgment(normalized, Outcome.of(Correctness.isCorrect(normalized, truth)));
        } catch (PyError e) {
            return Judgment.failed(e.getMessage());
        }
    }

    /** Normalizes an extracted string; on failure, the failure text (what the reference would store). */
    public String normalize(String extracted, int calculatorId) {
        try {
            return normalizer.normalize(extracted, calculatorId);
        } catch (PyError e) {
            return e.getMessage();
        }
    }

    /** A generation judged and wrapped as an xcot record. */
    public ScoredAnswer score(
            MedCalcRow row, String condition, String model, Optional<String> sourceModel, Completion transcript) {
        Judgment judgment = judge(row, transcript);
        return new ScoredAnswer(BENCHMARK, row.itemId(), condition, model, sourceModel, judgment.answer(),
                judgment.outcome());
    }
}
