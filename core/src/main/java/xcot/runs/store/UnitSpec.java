package xcot.runs.store;

import java.util.List;
import java.util.Objects;

/**
 * One unit of a run plan as the queue sees it: opaque to the queue apart from its affinity and dependencies.
 *
 * @param id       unique within the plan (the plan decides what it means, e.g. {@code own/qwq/items-0-19})
 * @param affinity what a worker keeps loaded between units (the model): a claim prefers units of the affinity the
 *                 worker names, so it keeps its model while there is work for it
 * @param needs    ids of units that must be done before this one can be claimed; each must come earlier in the
 *                 published list, which rules out cycles
 */
public record UnitSpec(String id, String affinity, List<String> needs) {
    public UnitSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(affinity, "affinity");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a unit id is not empty");
        }
        needs = List.copyOf(needs);
    }

    public UnitSpec(String id, String affinity) {
        this(id, affinity, List.of());
    }
}
