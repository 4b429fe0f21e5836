package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import xcot.runs.plan.Phase;
import xcot.runs.plan.PlanStep;

/** The progress line: a fixed total, an ETA from the recent pace, the speed of the current phase. */
class ProgressTest {
    static final long SECOND = 1_000_000_000L;
    static final List<PlanStep> STEPS = List.of(new PlanStep(Phase.OWN_COT, "own CoT, a", List.of("a"), List.of()),
            new PlanStep(Phase.OWN_COT, "own CoT, b", List.of("b"), List.of()),
            new PlanStep(Phase.INSERTED_COT, "inserted CoTs, a", List.of("a"), List.of()));

    @Test
    void progressLineShowsDoneTotalEtaAndSpeed() {
        AtomicLong clock = new AtomicLong();
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), false, clock::get, 10, STEPS);
        p.step("own CoT, a");
        p.unitDone(true);
        clock.addAndGet(2 * SECOND);
        p.generated(100, 50, SECOND, false);
        p.unitDone(false);
        // two units in 2 s: 8 left at 1 s each
        assertEquals("own CoT, a: 2/10  20%  ETA 0:08  50 tok/s  (1 from the cache)", p.line());
        assertTrue(out.toString().startsWith("xcot: own CoT, a: 0/10   0%  ETA --:--  - tok/s\n"), out.toString());
        assertEquals("1:02:03", Progress.clock(3723));
    }

    @Test
    void theEtaFollowsTheRecentPaceNotTheFirstUnits() {
        AtomicLong clock = new AtomicLong();
        Progress p = new Progress(new PrintWriter(new StringWriter()), false, clock::get, 200, STEPS);
        p.step("own CoT, a");
        for (int i = 0; i < 100; i++) { // fast units from the cache
            clock.addAndGet(SECOND / 10);
            p.unitDone(true);
        }
        p.step("inserted CoTs, a");
        for (int i = 0; i < Progress.WINDOW; i++) { // then slow new work
            clock.addAndGet(4 * SECOND);
            p.unitDone(false);
        }
        // The last 50 units took 4 s each: 50 left, 200 s. (The average since the start would say 50 x 1.4 s.)
        assertTrue(p.line().contains("150/200  75%  ETA 3:20"), p.line());
    }

    @Test
    void theSpeedIsTheCurrentPhasesAndTheTotalNeverChanges() {
        AtomicLong clock = new AtomicLong();
        Progress p = new Progress(new PrintWriter(new StringWriter()), false, clock::get, 6, STEPS);
        p.step("own CoT, a");
        p.generated(10, 300, SECOND, false);
        p.unitDone(false);
        p.step("own CoT, b"); // the same phase: the speed carries on
        p.generated(10, 100, SECOND, false);
        p.generated(10, 999, SECOND, true); // recalled: no decoding
        p.unitDone(false);
        assertTrue(p.line().contains(" 200 tok/s"), p.line());
        p.step("inserted CoTs, a"); // a new phase starts its own count
        assertTrue(p.line().contains(" - tok/s"), p.line());
        p.generated(500, 20, SECOND / 10, false);
        p.unitDone(false);
        assertTrue(p.line().startsWith("inserted CoTs, a: 3/6  50%"), p.line());
        assertTrue(p.line().contains(" 200 tok/s"), p.line());
        assertEquals(420, p.newTokens());
    }
}
