package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import xcot.methods.Condition;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;

/** Small pure parts of a run: Q8's effort rule, seed derivation, the progress line. */
class RunPartsTest {
    @Test
    void gptOssReasonsAtMediumOnlyAsAReferenceMedCalcTransferTarget() {
        Quirks ref = Quirks.referenceCompat();
        assertEquals("medium", RunContext.reasoningEffort("low", true, BenchmarkKind.MEDCALC, Condition.TRANSFER, ref));
        assertEquals("medium", RunContext.reasoningEffort("low", true, BenchmarkKind.MEDCALC,
                Condition.DEFAULT_WITHOUT_ANSWER, ref));
        assertEquals("low", RunContext.reasoningEffort("low", true, BenchmarkKind.MEDCALC, Condition.EMPTY, ref));
        assertEquals("low", RunContext.reasoningEffort("low", true, BenchmarkKind.INDUCTION, Condition.TRANSFER, ref));
        assertEquals("low", RunContext.reasoningEffort("low", false, BenchmarkKind.MEDCALC, Condition.TRANSFER, ref));
        assertEquals("low", RunContext.reasoningEffort("low", true, BenchmarkKind.MEDCALC, Condition.TRANSFER,
                Quirks.fixed()));
    }

    @Test
    void derivedSeedsAreUint32AndDependOnEveryPart() {
        long s = RunContext.derivedSeed(42, "m", "353", "sampled");
        assertTrue(s >= 0 && s <= 0xFFFFFFFFL);
        assertEquals(s, RunContext.derivedSeed(42, "m", "353", "sampled"));
        assertNotEquals(s, RunContext.derivedSeed(43, "m", "353", "sampled"));
        assertNotEquals(s, RunContext.derivedSeed(42, "m", "561", "sampled"));
        assertNotEquals(s, RunContext.derivedSeed(42, "m", "353", "sampled-without-answer"));
    }

    @Test
    void progressLineShowsDoneTotalEtaAndSpeed() {
        AtomicLong clock = new AtomicLong();
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), false, clock::get);
        p.addTotal(10);
        p.phase("own CoT, a:");
        p.unitDone(true);
        clock.addAndGet(2_000_000_000L);
        p.generated(100, 50, 1_000_000_000L, false);
        p.unitDone(false);
        assertEquals("own CoT, a: 2/10  20%  ETA 0:16  50 tok/s  (1 from the store)", p.line());
        assertTrue(out.toString().startsWith("xcot: own CoT, a: 0/10   0%  ETA --:--  - tok/s\n"), out.toString());
        assertEquals("1:02:03", Progress.clock(3723));
    }
}
