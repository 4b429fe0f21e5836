package xcot.runs.plan;

import java.util.Objects;

/** The ensemble CoT of one combination (by its label, {@code a+b / c}) for one item. */
public record EnsembleKey(String combination, String itemId) {
    public EnsembleKey {
        Objects.requireNonNull(combination, "combination");
        Objects.requireNonNull(itemId, "itemId");
    }
}
