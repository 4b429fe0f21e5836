package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.runs.plan.AttemptKey;
import xcot.runs.plan.CotRef;
import xcot.runs.plan.EnsembleKey;
import xcot.runs.plan.Phase;
import xcot.runs.plan.RunPlan;
import xcot.runs.plan.Unit;
import xcot.runs.plan.WorkPlan;

/** The work units of a shared run: every plan unit once, groups of items, dependencies, the plan's id. */
class WorkPlanTest {
    /** Two toy models, 11 items: two groups per step (8 + 3), every kind of step and inserted CoT. */
    static final String CONFIG = """
            benchmark: {name: toy, limit: 11}
            models:
              - {name: a, zoo: plain-a, context: 256, threads: 1}
              - {name: d, zoo: mix-d, context: 256, threads: 1}
            conditions: [empty, default, sampled, transfer, ensemble, corrupted]
            ensemble: [{generators: [a], evaluators: [d]}]
            """;

    @TempDir
    Path dir;

    RunPlan plan(String yaml, Path folder) {
        return Runner.plan(RunTesting.config(yaml, folder), folder.resolve("run"),
                RunTesting.options(new StringWriter(), dir.resolve("cache")));
    }

    @Test
    void everyUnitIsInOneGroupAndEachGroupNeedsExactlyTheUnitsThatProduceItsInputs() {
        RunPlan plan = plan(CONFIG, dir);
        WorkPlan work = WorkPlan.of(plan);
        List<Unit> flattened = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (WorkPlan.WorkUnit u : work.units()) {
            assertTrue(ids.add(u.id()), "unit id " + u.id() + " twice");
            assertTrue(ids.containsAll(u.needs()), u.id() + " needs a unit listed after it: " + u.needs());
            assertEquals(String.join("+", u.step().models()).isEmpty() ? "-" : String.join("+", u.step().models()),
                    u.affinity());
            flattened.addAll(u.units());
        }
        List<Unit> planned = plan.steps().stream().<Unit>flatMap(s -> s.units().stream()).toList();
        assertEquals(planned, flattened, "the groups, in order, are the plan's units in order");
        // 11 items: own, ensemble and inserted steps in two groups of items (8 + 3).
        for (Phase p : List.of(Phase.OWN_COT, Phase.ENSEMBLE, Phase.INSERTED_COT)) {
            int steps = plan.steps(p).size();
            assertEquals(2 * steps, work.unitsPerPhase().get(p), p.label());
        }
        for (WorkPlan.WorkUnit u : work.units()) {
            Set<String> expected = new HashSet<>();
            for (Unit unit : u.units()) {
                for (Object input : inputs(unit)) {
                    expected.add(producer(work, input));
                }
            }
            expected.remove(u.id());
            assertEquals(expected, new HashSet<>(u.needs()), u.id());
        }
        WorkPlan.WorkUnit inserted = work.unit("06 inserted CoTs, d #2");
        assertTrue(inserted.needs().containsAll(List.of("01 own CoT, a #2", "02 own CoT, d #2", "03 ensemble a / d #2")),
                inserted.needs().toString());
        assertTrue(inserted.needs().stream().noneMatch(n -> n.endsWith("#1") && !n.contains("answer removal")),
                "items 9 to 11 read nothing of items 1 to 8: " + inserted.needs());
    }

    /** The keys a unit's CoT reads, found by walking its references (sanitized CoTs: the removal and its input). */
    private static List<Object> inputs(Unit unit) {
        List<Object> out = new ArrayList<>();
        switch (unit) {
            case Unit.Attempt a -> a.cot().ifPresent(ref -> walk(ref, out));
            case Unit.Ensemble e -> { }
            case Unit.AnswerRemoval r -> walk(r.input(), out);
        }
        return out;
    }

    private static void walk(CotRef ref, List<Object> out) {
        switch (ref) {
            case CotRef.Empty e -> { }
            case CotRef.Thinking t -> out.add(t.own());
            case CotRef.Transfer t -> out.add(t.sourceDefault());
            case CotRef.Ensemble e -> out.add(e.key());
            case CotRef.Sanitized s -> {
                out.add(s);
                walk(s.of(), out);
            }
            case CotRef.Corrupted c -> out.add(c.sourceDefault());
        }
    }

    /** The work unit that holds the unit producing {@code input}, by a scan over every unit. */
    private static String producer(WorkPlan work, Object input) {
        for (WorkPlan.WorkUnit w : work.units()) {
            for (Unit u : w.units()) {
                boolean produces = switch (u) {
                    case Unit.Attempt a -> a.key().equals(input);
                    case Unit.Ensemble e -> e.key().equals(input);
                    case Unit.AnswerRemoval r -> input instanceof CotRef.Sanitized s && s.of().equals(r.input());
                };
                if (produces) {
                    return w.id();
                }
            }
        }
        throw new AssertionError("nothing produces " + input + " (" + (input instanceof AttemptKey ? "attempt"
                : input instanceof EnsembleKey ? "ensemble" : "sanitized") + ")");
    }

    @Test
    void thePlanIdIsTheSameFromAnotherFolderAndChangesWithWhatDecidesTheResults() throws Exception {
        String id = WorkPlan.of(plan(CONFIG, dir)).id();
        assertTrue(id.startsWith("test@"), id);
        Path elsewhere = java.nio.file.Files.createDirectories(dir.resolve("other-host"));
        assertEquals(id, WorkPlan.of(plan(CONFIG, elsewhere)).id(), "another folder, the same plan");
        assertNotEquals(id, WorkPlan.of(plan(CONFIG + "budgets: {cot: 30}\n", dir)).id());
        assertNotEquals(id, WorkPlan.of(plan(CONFIG.replace("limit: 11", "limit: 10"), dir)).id());
        assertNotEquals(id, WorkPlan.of(plan(CONFIG.replace("mix-d, context: 256", "mix-d, context: 512"), dir))
                .id());
        assertNotEquals(id, WorkPlan.of(plan(CONFIG + "seeds: [7]\n", dir)).id());
    }
}
