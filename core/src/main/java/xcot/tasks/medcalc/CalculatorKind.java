package xcot.tasks.medcalc;

import java.util.Optional;
import java.util.Set;

/**
 * How a calculator's answer is normalized and judged. The reference dispatches on the Calculator ID, not on the CSV's
 * {@code Output Type} (which calls calculator 69's (weeks, days) tuple an integer); this enum is the one place that
 * maps IDs to kinds.
 */
public enum CalculatorKind {
    /** IDs 13 (due date) and 68 (conception date): {@code MM/DD/YYYY}. */
    DATE,
    /** ID 69 (gestational age): a {@code (weeks, days)} pair. */
    GESTATIONAL_AGE,
    /** Scores and counts: judged by {@code round(answer) == ground truth}. */
    INTEGER,
    /** Measurements: judged by {@code lower limit <= answer <= upper limit} (±5 % of the ground truth). */
    DECIMAL;

    private static final Set<Integer> DATES = Set.of(13, 68);
    private static final Set<Integer> INTEGERS =
            Set.of(4, 15, 16, 17, 18, 20, 21, 25, 27, 28, 29, 32, 33, 36, 43, 45, 48, 51);
    private static final Set<Integer> DECIMALS = Set.of(2, 3, 5, 6, 7, 8, 9, 10, 11, 19, 22, 23, 24, 26, 30, 31, 38, 39,
            40, 44, 46, 49, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67);

    /** The kind of a MedCalc-Bench v1.0 calculator, or empty for an ID the benchmark does not have. */
    public static Optional<CalculatorKind> of(int calculatorId) {
        if (DATES.contains(calculatorId)) {
            return Optional.of(DATE);
        }
        if (calculatorId == 69) {
            return Optional.of(GESTATIONAL_AGE);
        }
        if (INTEGERS.contains(calculatorId)) {
            return Optional.of(INTEGER);
        }
        if (DECIMALS.contains(calculatorId)) {
            return Optional.of(DECIMAL);
        }
        return Optional.empty();
    }

    /** Like {@link #of} for IDs already validated by the loader. */
    public static CalculatorKind require(int calculatorId) {
        return of(calculatorId).orElseThrow(
                () -> new IllegalArgumentException("unknown MedCalc-Bench calculator ID " + calculatorId));
    }
}
