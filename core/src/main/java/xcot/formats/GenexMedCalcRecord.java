package xcot.formats;

import java.util.Objects;
import java.util.Optional;
import xcot.metrics.Outcome;
import xcot.metrics.ScoredAnswer;

/**
 * One line of a MedCalc output file written by the reference implementation (genex), reduced to what scoring reads.
 *
 * @param line         line number in the file
 * @param rowNumber    MedCalc-Bench Row Number
 * @param calculatorId Calculator ID (a string in most files, an int in the {@code _empty} ones)
 * @param model        the answering model ({@code LLM Name}, or {@code Target Model} in transfer files; from the
 *                     file when a failure record lacks it)
 * @param sourceModel  the model whose CoT was inserted (transfer files)
 * @param answer       the answer field the reference analysis reads ({@code LLM Answer} or {@code Target Answer});
 *                     empty when the record lacks it (transfer failure records)
 * @param result       the result field the analysis reads ({@code Result} or {@code Target Result}); {@code ""}
 *                     when absent
 * @param failure      for a failure record, the Python exception text the script stored instead of an answer
 */
public record GenexMedCalcRecord(
        long line,
        int rowNumber,
        int calculatorId,
        String model,
        Optional<String> sourceModel,
        Optional<String> answer,
        String result,
        Optional<String> failure) {
    public GenexMedCalcRecord {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sourceModel, "sourceModel");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(failure, "failure");
    }

    public boolean isCorrect() {
        return result.equals("Correct");
    }

    /**
     * As an xcot record. The answer string is what the reference analysis compares ({@code ""} for a missing
     * field), so the lenient consistency rule can be replayed; the outcome says failed for failure records and for
     * the reference's own "no answer" marker {@code N/A}.
     */
    public ScoredAnswer toScoredAnswer(String condition) {
        String answerText = answer.orElse("");
        Outcome outcome;
        if (failure.isPresent()) {
            outcome = new Outcome.Failed(failure.get());
        } else if (answerText.equals("N/A")) {
            outcome = new Outcome.Failed("no answer (N/A)");
        } else {
            outcome = Outcome.of(isCorrect());
        }
        return new ScoredAnswer("medcalc", Integer.toString(rowNumber), condition, model, sourceModel, answerText,
                outcome);
    }
}
