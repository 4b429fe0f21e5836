package xcot.runs.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import xcot.runs.store.Hashing;
import xcot.runs.store.UnitSpec;

/**
 * A run plan as the work of several processes: every step's units cut into groups of {@link #GROUP_ITEMS} items
 * ({@link PlanStep#itemGroups}, fixed by the plan, never by what is stored), one queue unit per group. A unit's
 * affinity is the models its step loads, so a worker that keeps claiming units of one affinity keeps its model
 * loaded; its needs are the units that produce the CoTs it inserts or sanitizes, so it is claimed only when they are
 * done. Pure: no I/O.
 *
 * @param id    the plan's id in the queue: the run's name and a digest of everything its results depend on, so every
 *              worker of one config joins one plan, and a changed config is another plan (whose results already in
 *              the store are found again by their content keys)
 * @param units in plan order: each unit's needs come before it
 */
public record WorkPlan(String id, RunPlan plan, List<WorkUnit> units) {
    /**
     * Items per queue unit. Small enough to spread a step of a hundred items over several workers, large enough that
     * a unit's work (seconds to hours) dwarfs the queue's cost per unit (milliseconds). A batched step decodes groups
     * within a unit, so this should stay a multiple of its batch size.
     */
    public static final int GROUP_ITEMS = 8;

    /**
     * One group of a step's units.
     *
     * @param id       {@code NN label #G}: the step's position and label, the group's number in the step
     * @param step     the step the group belongs to (its phase, its models)
     * @param affinity the step's models joined by {@code +}; {@code -} for a step that loads none
     * @param needs    ids of the units whose results this group reads
     */
    public record WorkUnit(String id, PlanStep step, List<Unit> units, String affinity, List<String> needs) {
        public WorkUnit {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(step, "step");
            units = List.copyOf(units);
            Objects.requireNonNull(affinity, "affinity");
            needs = List.copyOf(needs);
        }

        public Phase phase() {
            return step.phase();
        }

        public UnitSpec spec() {
            return new UnitSpec(id, affinity, needs);
        }
    }

    public WorkPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(plan, "plan");
        units = List.copyOf(units);
    }

    public static WorkPlan of(RunPlan plan) {
        return of(plan, GROUP_ITEMS);
    }

    public static WorkPlan of(RunPlan plan, int groupItems) {
        Producers producers = new Producers();
        List<WorkUnit> units = new ArrayList<>();
        for (int s = 0; s < plan.steps().size(); s++) {
            PlanStep step = plan.steps().get(s);
            String affinity = step.models().isEmpty() ? "-" : String.join("+", step.models());
            List<List<Unit>> groups = step.itemGroups(groupItems);
            for (int g = 0; g < groups.size(); g++) {
                String id = String.format(java.util.Locale.ROOT, "%02d %s #%d", s + 1, step.label(), g + 1);
                Set<String> needs = new LinkedHashSet<>();
                for (Unit u : groups.get(g)) {
                    producers.needsOf(u, needs);
                }
                needs.remove(id);
                units.add(new WorkUnit(id, step, groups.get(g), affinity, List.copyOf(needs)));
                for (Unit u : groups.get(g)) {
                    producers.add(u, id);
                }
            }
        }
        return new WorkPlan(plan.config().name() + "@" + fingerprint(plan).substring(0, 16), plan, units);
    }

    public WorkUnit unit(String id) {
        for (WorkUnit u : units) {
            if (u.id().equals(id)) {
                return u;
            }
        }
        throw new IllegalArgumentException("plan " + this.id + " has no unit '" + id + "'");
    }

    /** The units as the queue takes them, in plan order. */
    public List<UnitSpec> specs() {
        return units.stream().map(WorkUnit::spec).toList();
    }

    /** Queue units per phase, in phase order. */
    public Map<Phase, Integer> unitsPerPhase() {
        Map<Phase, Integer> out = new LinkedHashMap<>();
        units.forEach(u -> out.merge(u.phase(), 1, Integer::sum));
        return out;
    }

    /**
     * SHA-256 over what the results depend on: every model's file hash, runtime settings, profile and grammar, the
     * budgets, flags and harmony date, the removal method, and every unit as the plan fixes it (its key, item and
     * prompt, sampling, the CoT it inserts). Not the config's text or folder: workers on other hosts read the same
     * config from other paths.
     */
    static String fingerprint(RunPlan plan) {
        List<String> parts = new ArrayList<>(List.of("work-plan-v1", plan.config().name(), plan.benchmark().name(),
                plan.budgets().toString(), plan.config().flags().enabled().toString(), plan.harmonyDate().toString(),
                plan.config().answerRemoval().method().name(),
                Integer.toString(plan.config().answerRemoval().maxTokens())));
        List<ResolvedModel> models = new ArrayList<>(plan.models());
        plan.filterModel().ifPresent(models::add);
        for (ResolvedModel m : models) {
            parts.add(String.join("|", m.name(), m.sha256(), m.config().runtimeKey(), m.profile().family().id(),
                    m.config().grammar().orElse("-"), m.config().reasoningEffort().id()));
        }
        for (PlanStep step : plan.steps()) {
            parts.add(step.phase() + "|" + step.label() + "|" + step.models());
            for (Unit u : step.units()) {
                parts.add(u.toString());
            }
        }
        return Hashing.of(parts.toArray(String[]::new));
    }

    /** Which queue unit produces each result that a later unit reads. */
    private static final class Producers {
        private final Map<AttemptKey, String> attempts = new HashMap<>();
        private final Map<EnsembleKey, String> ensembles = new HashMap<>();
        private final Map<CotRef, String> sanitized = new HashMap<>();

        void add(Unit u, String id) {
            switch (u) {
                case Unit.Attempt a -> attempts.put(a.key(), id);
                case Unit.Ensemble e -> ensembles.put(e.key(), id);
                case Unit.AnswerRemoval r -> sanitized.put(r.input(), id);
            }
        }

        void needsOf(Unit u, Set<String> out) {
            switch (u) {
                case Unit.Attempt a -> a.cot().ifPresent(ref -> needsOf(ref, out));
                case Unit.Ensemble e -> { }
                case Unit.AnswerRemoval r -> needsOf(r.input(), out);
            }
        }

        /** The units whose results resolving {@code ref} reads (the producers of its inputs, transitively named). */
        private void needsOf(CotRef ref, Set<String> out) {
            switch (ref) {
                case CotRef.Empty e -> { }
                case CotRef.Thinking t -> out.add(producer(attempts, t.own()));
                case CotRef.Transfer t -> out.add(producer(attempts, t.sourceDefault()));
                case CotRef.Ensemble e -> out.add(producer(ensembles, e.key()));
                case CotRef.Sanitized s -> {
                    out.add(producer(sanitized, s.of()));
                    needsOf(s.of(), out);
                }
                case CotRef.Corrupted c -> out.add(producer(attempts, c.sourceDefault()));
            }
        }

        private static <K> String producer(Map<K, String> producers, K key) {
            return Optional.ofNullable(producers.get(key)).orElseThrow(() -> new IllegalStateException(
                    "the plan reads " + key + " before a step produces it"));
        }
    }
}
