package xcot.tasks.medcalc;

import java.util.Objects;

/** The parts of a test row that correctness depends on, as the CSV spells them (Python literals). */
public record GroundTruth(int calculatorId, String answer, String lowerLimit, String upperLimit) {
    public GroundTruth {
        CalculatorKind.require(calculatorId);
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(lowerLimit, "lowerLimit");
        Objects.requireNonNull(upperLimit, "upperLimit");
    }
}
