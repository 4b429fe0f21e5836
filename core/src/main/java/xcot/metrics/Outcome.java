package xcot.metrics;

import java.util.Objects;

/**
 * How one answer was judged. Binary tasks (MedCalc, the toy task) use {@link Correct} and {@link Incorrect}; tasks
 * judged by similarity (Instruction Induction) use {@link Graded}; {@link Failed} means no usable answer came out
 * (nothing extracted, or the reference scoring raised), and carries the reason.
 */
public sealed interface Outcome {
    /** Credit in [0, 1]: 1 for correct, 0 for incorrect or failed, the similarity for graded answers. */
    double score();

    default boolean isCorrect() {
        return false;
    }

    default boolean isFailed() {
        return false;
    }

    static Outcome of(boolean correct) {
        return correct ? new Correct() : new Incorrect();
    }

    record Correct() implements Outcome {
        @Override
        public double score() {
            return 1.0;
        }

        @Override
        public boolean isCorrect() {
            return true;
        }
    }

    record Incorrect() implements Outcome {
        @Override
        public double score() {
            return 0.0;
        }
    }

    /** A graded answer, e.g. the best similarity of an induced instruction to the gold annotations. */
    record Graded(double score) implements Outcome {
        public Graded {
            if (!(score >= 0.0 && score <= 1.0)) {
                throw new IllegalArgumentException("graded score must be in [0, 1], got " + score);
            }
        }
    }

    /** No usable answer; {@code reason} is the failure text (for reference records, the Python exception text). */
    record Failed(String reason) implements Outcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public double score() {
            return 0.0;
        }

        @Override
        public boolean isFailed() {
            return true;
        }
    }
}
