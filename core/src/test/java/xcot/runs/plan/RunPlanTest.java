package xcot.runs.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import xcot.methods.Condition;
import xcot.profiles.ReasoningEffort;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;

/** Small pure parts of a plan: the effort rule for gpt-oss transfer targets, seed derivation. */
class RunPlanTest {
    @Test
    void gptOssReasonsAtMediumOnlyAsAReferenceMedCalcTransferTarget() {
        Quirks ref = Quirks.referenceCompat();
        assertEquals(ReasoningEffort.MEDIUM, RunPlan.reasoningEffort(ReasoningEffort.LOW, true, BenchmarkKind.MEDCALC, Condition.TRANSFER, ref));
        assertEquals(ReasoningEffort.MEDIUM, RunPlan.reasoningEffort(ReasoningEffort.LOW, true, BenchmarkKind.MEDCALC,
                Condition.DEFAULT_WITHOUT_ANSWER, ref));
        assertEquals(ReasoningEffort.LOW, RunPlan.reasoningEffort(ReasoningEffort.LOW, true, BenchmarkKind.MEDCALC, Condition.EMPTY, ref));
        assertEquals(ReasoningEffort.LOW, RunPlan.reasoningEffort(ReasoningEffort.LOW, true, BenchmarkKind.INDUCTION, Condition.TRANSFER, ref));
        assertEquals(ReasoningEffort.LOW, RunPlan.reasoningEffort(ReasoningEffort.LOW, false, BenchmarkKind.MEDCALC, Condition.TRANSFER, ref));
        assertEquals(ReasoningEffort.LOW, RunPlan.reasoningEffort(ReasoningEffort.LOW, true, BenchmarkKind.MEDCALC, Condition.TRANSFER,
                Quirks.fixed()));
    }

    @Test
    void derivedSeedsAreUint32AndDependOnEveryPart() {
        long s = RunPlan.derivedSeed(42, "m", "353", "sampled");
        assertTrue(s >= 0 && s <= 0xFFFFFFFFL);
        assertEquals(s, RunPlan.derivedSeed(42, "m", "353", "sampled"));
        assertNotEquals(s, RunPlan.derivedSeed(43, "m", "353", "sampled"));
        assertNotEquals(s, RunPlan.derivedSeed(42, "m", "561", "sampled"));
        assertNotEquals(s, RunPlan.derivedSeed(42, "m", "353", "sampled-without-answer"));
    }
}
