package xcot.tasks.medcalc;

import java.util.Objects;
import xcot.metrics.Outcome;

/**
 * A judged MedCalc answer: the answer string to store and the outcome. On failure the answer is the failure text,
 * as the reference stores it.
 */
public record Judgment(String answer, Outcome outcome) {
    public Judgment {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(outcome, "outcome");
    }

    static Judgment failed(String reason) {
        return new Judgment(reason, new Outcome.Failed(reason));
    }
}
