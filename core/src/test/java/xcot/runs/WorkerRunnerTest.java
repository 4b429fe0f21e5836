package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.runs.config.RunConfig;
import xcot.runs.export.RunFiles;
import xcot.runs.plan.Phase;
import xcot.runs.plan.WorkPlan;
import xcot.runs.store.ClaimResult;
import xcot.runs.store.RunStore;
import xcot.runs.store.StoreException;
import xcot.runs.store.StoreLocation;
import xcot.runs.store.UnitStatus;
import xcot.runs.store.WorkQueue;

/**
 * Workers of a shared run in this JVM, on a run folder's SQLite store (the queue is the same on PostgreSQL; the
 * multi-process test on a PostgreSQL cluster is the CLI's {@code WorkersTest}).
 */
class WorkerRunnerTest {
    /** Two toy models, 10 items: two groups per step; the without-answer conditions add the removal step. */
    static final String CONFIG = """
            benchmark: {name: toy, limit: 10}
            models:
              - {name: a, zoo: plain-a, context: 256, threads: 1}
              - {name: e, zoo: weak-e, context: 256, threads: 1}
            conditions: [empty, default, transfer]
            """;

    @TempDir
    Path dir;

    final StringWriter err = new StringWriter();

    RunConfig config() {
        return RunTesting.config(CONFIG, dir);
    }

    StoreLocation shared() {
        return new StoreLocation.Sqlite(dir.resolve("shared"));
    }

    WorkerOptions worker(String name) {
        return new WorkerOptions(name, Duration.ofSeconds(1), Duration.ofMillis(200));
    }

    @Test
    void aWorkerRunsThePlanAndTheExportEqualsASingleRunByteForByte() throws Exception {
        RunResult single = Runner.run(config(), dir.resolve("single"), RunTesting.options(new StringWriter(), dir.resolve("single-cache")));
        RunOptions options = RunTesting.options(err, dir.resolve("cache"));

        assertFalse(WorkerRunner.status(config(), shared(), options).published());
        assertThrows(StoreException.class, () -> WorkerRunner.export(config(), dir.resolve("early"), shared(), options),
                "nothing to export before a worker ran");

        WorkerRunner.Report first = WorkerRunner.work(config(), shared(), options, worker("w1"));
        assertTrue(first.published());
        assertFalse(first.foundComplete());
        assertEquals(first.planUnits(), first.unitsRun());
        assertEquals(single.computedUnits(), first.resultsComputed());
        assertTrue(err.toString().contains("xcot: worker w1: plan test@"), err.toString());

        WorkerRunner.Report late = WorkerRunner.work(config(), shared(), options, worker("w2"));
        assertTrue(late.foundComplete());
        assertFalse(late.published());
        assertEquals(0, late.unitsRun());
        assertEquals(0, late.resultsComputed() + late.resultsRecalled(), "a late worker recalls nothing either");

        QueueStatus status = WorkerRunner.status(config(), shared(), options);
        assertTrue(status.complete());
        assertEquals(List.of("w1"), status.workers().stream().map(QueueStatus.WorkerRow::worker).toList());
        assertEquals(first.planUnits(), status.workers().getFirst().done());
        assertTrue(status.render().contains("complete"), status.render());

        RunResult exported = WorkerRunner.export(config(), dir.resolve("exported"), shared(), options);
        assertEquals(0, exported.computedUnits());
        assertArrayEquals(Files.readAllBytes(single.answers()), Files.readAllBytes(exported.answers()));
        assertEquals(single.settings(), exported.settings());
        assertFalse(Files.exists(dir.resolve("exported").resolve(RunFiles.TRACES)), "no ensemble in this config");
    }

    @Test
    void aDeadWorkersUnitIsClaimedAgainWhenItsLeaseRunsOut() throws Exception {
        RunOptions options = RunTesting.options(err, dir.resolve("cache"));
        WorkPlan work = WorkPlan.of(Runner.plan(config(), dir.resolve("shared"), options));
        try (RunStore store = RunStore.open(shared()); WorkQueue queue = store.workQueue()) {
            queue.publish(work.id(), work.specs());
            // A worker that claims the first unit and dies: no heartbeat, no completion.
            ClaimResult claimed = queue.claim(work.id(), "dead", "", Duration.ofSeconds(1));
            assertTrue(claimed instanceof ClaimResult.Claimed, claimed.toString());
            QueueStatus before = WorkerRunner.status(config(), shared(), options);
            assertEquals(1, before.phases().getFirst().running());
            assertTrue(before.render().contains("dead"), before.render());
        }

        WorkerRunner.Report survivor = WorkerRunner.work(config(), shared(), options, worker("alive"));
        assertEquals(work.units().size(), survivor.unitsRun(), "the survivor ran every unit, the dead one's too");
        try (RunStore store = RunStore.open(shared()); WorkQueue queue = store.workQueue()) {
            List<UnitStatus> units = queue.units(work.id());
            assertTrue(units.stream().allMatch(u -> u.state().equals("done")));
            UnitStatus taken = units.getFirst();
            assertEquals(2, taken.claims(), "claimed by the dead worker, then by the survivor");
            assertEquals("alive", taken.worker().orElseThrow());
        }
        assertTrue(WorkerRunner.status(config(), shared(), options).phases().stream()
                .filter(p -> p.phase() == Phase.INSERTED_COT).allMatch(p -> p.done() == p.units()));
    }
}
