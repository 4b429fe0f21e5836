package xcot.runs.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * Which scored record an attempt produces: the record's condition, the model that answered, the source of an
 * inserted CoT (a model, or an ensemble combination), the item. Exports, summaries and the CoTs later phases insert
 * are looked up by it.
 */
public record AttemptKey(ConditionLabel condition, String model, Optional<String> source, String itemId) {
    public AttemptKey {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(itemId, "itemId");
    }

    /** A readable name for the store and messages. */
    public String slot() {
        return condition.label() + "|" + model + "|" + source.orElse("-") + "|" + itemId;
    }
}
