package xcot.metrics;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;

/**
 * When two models' answers to the same item count as agreeing. An empty result skips the item for that pair (it is
 * neither consistent nor inconsistent). Categorical rules also assign each answer a category, which N-way agreement
 * and Fleiss' kappa use.
 */
public interface AgreementRule {
    /** 1 for agreement, 0 for disagreement, a similarity in between for graded rules; empty to skip. */
    OptionalDouble agreement(ScoredAnswer a, ScoredAnswer b);

    /** The answer's category for N-way statistics; empty when the answer is skipped or the rule is not categorical. */
    Optional<String> category(ScoredAnswer a);

    /** Whether {@link #category} is meaningful (N-way agreement and Fleiss' kappa are computed only then). */
    boolean isCategorical();

    /**
     * The reference rule for MedCalc (and any task with a right answer): consistent when the answer strings are
     * equal or both answers are correct.
     *
     * @param lenient {@code ref.lenient-consistency}: skip a row only when an answer string contains one of the
     *                reference's failure substrings ({@code not defined}, {@code N/A}, {@code does not match},
     *                {@code are not permitted}); otherwise skip any row where either answer failed
     */
    static AgreementRule equalOrBothCorrect(boolean lenient) {
        return new EqualOrBothCorrect(lenient);
    }

    /**
     * A graded rule: the similarity of the two answer strings (e.g. Instruction Induction's BERTScore), skipping
     * rows where either answer failed.
     */
    static AgreementRule similarity(ToDoubleBiFunction<String, String> similarity) {
        return graded((a, b) -> OptionalDouble.of(similarity.applyAsDouble(a.answer(), b.answer())));
    }

    /**
     * A graded rule over whole answers, e.g. a similarity stored per item and model pair: {@code agreement}'s value,
     * the item skipped when it is empty or either answer failed.
     */
    static AgreementRule graded(BiFunction<ScoredAnswer, ScoredAnswer, OptionalDouble> agreement) {
        return new AgreementRule() {
            @Override
            public OptionalDouble agreement(ScoredAnswer a, ScoredAnswer b) {
                if (a.outcome().isFailed() || b.outcome().isFailed()) {
                    return OptionalDouble.empty();
                }
                return agreement.apply(a, b);
            }

            @Override
            public Optional<String> category(ScoredAnswer a) {
                return Optional.empty();
            }

            @Override
            public boolean isCategorical() {
                return false;
            }
        };
    }

    /** See {@link #equalOrBothCorrect}. */
    record EqualOrBothCorrect(boolean lenient) implements AgreementRule {
        /** Substrings by which the reference analysis recognizes a failed row (consistency_all.ipynb). */
        public static final List<String> REFERENCE_FAILURE_MARKS =
                List.of("not defined", "N/A", "does not match", "are not permitted");

        private static final String CORRECT = "\u0000correct";

        /** Whether the row is left out of consistency. */
        public boolean skips(ScoredAnswer a) {
            if (lenient) {
                return REFERENCE_FAILURE_MARKS.stream().anyMatch(a.answer()::contains);
            }
            return a.outcome().isFailed();
        }

        @Override
        public OptionalDouble agreement(ScoredAnswer a, ScoredAnswer b) {
            if (skips(a) || skips(b)) {
                return OptionalDouble.empty();
            }
            boolean agree = a.answer().equals(b.answer()) || (a.outcome().isCorrect() && b.outcome().isCorrect());
            return OptionalDouble.of(agree ? 1.0 : 0.0);
        }

        /** Correct answers form one category (they all agree); any other answer is its own string. */
        @Override
        public Optional<String> category(ScoredAnswer a) {
            if (skips(a)) {
                return Optional.empty();
            }
            return Optional.of(a.outcome().isCorrect() ? CORRECT : a.answer());
        }

        @Override
        public boolean isCategorical() {
            return true;
        }
    }
}
