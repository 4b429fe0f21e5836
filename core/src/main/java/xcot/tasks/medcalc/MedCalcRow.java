package xcot.tasks.medcalc;

import java.util.Objects;

/**
 * One row of the MedCalc-Bench v1.0 test set, with the CSV's columns as they are (limits and answers stay strings:
 * the reference evaluates them as Python expressions).
 */
public record MedCalcRow(
        int rowNumber,
        int calculatorId,
        String calculatorName,
        String category,
        String outputType,
        String noteId,
        String noteType,
        String patientNote,
        String question,
        String relevantEntities,
        String groundTruthAnswer,
        String lowerLimit,
        String upperLimit,
        String groundTruthExplanation) {

    public MedCalcRow {
        Objects.requireNonNull(groundTruthAnswer, "groundTruthAnswer");
        Objects.requireNonNull(lowerLimit, "lowerLimit");
        Objects.requireNonNull(upperLimit, "upperLimit");
        CalculatorKind.require(calculatorId);
    }

    public CalculatorKind kind() {
        return CalculatorKind.require(calculatorId);
    }

    /** What correctness is judged against. */
    public GroundTruth groundTruth() {
        return new GroundTruth(calculatorId, groundTruthAnswer, lowerLimit, upperLimit);
    }

    /** The item id xcot records use for this row. */
    public String itemId() {
        return Integer.toString(rowNumber);
    }
}
