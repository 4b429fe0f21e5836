package xcot.runs.plan;

import java.util.List;
import java.util.Objects;

/**
 * The units of one phase that run with the same models loaded: one model's own CoTs or inserted CoTs, one ensemble
 * combination (its participants loaded together), or the answer removal (the filter model, if any). A step loads its
 * models only if one of its units is not in the store.
 *
 * @param models the run's model names the step loads, in load order
 */
public record PlanStep(Phase phase, String label, List<String> models, List<? extends Unit> units) {
    public PlanStep {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(label, "label");
        models = List.copyOf(models);
        units = List.copyOf(units);
        for (Unit u : units) {
            if (u.phase() != phase) {
                throw new IllegalArgumentException("a " + u.phase() + " unit in a " + phase + " step");
            }
        }
    }

    /**
     * The units in groups of at most {@code size} consecutive items, in plan order: the work a batched step decodes
     * together and a worker claims at once. Groups depend only on the plan, never on what is already stored, so an
     * interrupted run resumes with the same groups.
     */
    public List<List<Unit>> itemGroups(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("group size must be positive, not " + size);
        }
        List<List<Unit>> groups = new java.util.ArrayList<>();
        List<Unit> current = new java.util.ArrayList<>();
        java.util.Set<String> items = new java.util.LinkedHashSet<>();
        for (Unit u : units) {
            String item = itemOf(u);
            if (!items.contains(item) && items.size() == size) {
                groups.add(List.copyOf(current));
                current.clear();
                items.clear();
            }
            items.add(item);
            current.add(u);
        }
        if (!current.isEmpty()) {
            groups.add(List.copyOf(current));
        }
        return groups;
    }

    private static String itemOf(Unit u) {
        return switch (u) {
            case Unit.Attempt a -> a.item().id();
            case Unit.Ensemble e -> e.item().id();
            case Unit.AnswerRemoval r -> r.input().toString();
        };
    }
}
