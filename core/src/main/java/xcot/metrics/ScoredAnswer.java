package xcot.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * One model's scored answer to one benchmark item: the unit that imports of published runs and xcot's own runs both
 * produce, and that every metric consumes.
 *
 * @param benchmark   e.g. {@code medcalc}, {@code induction}, {@code toy}
 * @param itemId      the item within the benchmark (MedCalc: the test-set Row Number; induction: {@code task/id})
 * @param condition   the CoT condition, e.g. {@code empty}, {@code default}, {@code sampled}, {@code transfer-full}
 * @param model       the model that produced the answer (for transfers: the target)
 * @param sourceModel the model whose chain of thought was inserted, if any
 * @param answer      the normalized answer string as the record stores it; for a failed row, what the reference's
 *                    analysis would read as the answer (the exception text, or {@code ""} when the field is absent)
 * @param outcome     the judgment
 */
public record ScoredAnswer(
        String benchmark,
        String itemId,
        String condition,
        String model,
        Optional<String> sourceModel,
        String answer,
        Outcome outcome) {
    public ScoredAnswer {
        requireText(benchmark, "benchmark");
        requireText(itemId, "itemId");
        Objects.requireNonNull(condition, "condition");
        requireText(model, "model");
        Objects.requireNonNull(sourceModel, "sourceModel");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(outcome, "outcome");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
