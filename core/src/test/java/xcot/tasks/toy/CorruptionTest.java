package xcot.tasks.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CorruptionTest {
    private final ToyTask task = new ToyTask();

    @Property
    void aCarriedWrongFirstSumIsConsistentAndWrong(@ForAll @IntRange(min = 0, max = 999) int n) {
        ToyProblem p = ToyProblem.ofNumber(n);
        for (CotStyle style : CotStyle.values()) {
            CorruptedCot cot = Corruption.WRONG_FIRST_CARRIED.apply(p, style);
            int wrong = cot.conclusion() - p.c();
            assertNotEquals(p.firstSum(), wrong);
            assertTrue(wrong >= 0 && wrong <= 18 && Math.abs(wrong - p.firstSum()) <= 4, cot.cot());
            assertEquals(style.chain(p, wrong, wrong + p.c()), cot.cot());
            assertTrue(cot.complete());
            assertEquals(Optional.of(cot.conclusion()), style.conclusion(cot.cot()));
        }
    }

    @Property
    void aWrongFinalSumKeepsTheFirstStep(@ForAll @IntRange(min = 0, max = 999) int n) {
        ToyProblem p = ToyProblem.ofNumber(n);
        for (CotStyle style : CotStyle.values()) {
            CorruptedCot cot = Corruption.WRONG_FINAL_SUM.apply(p, style);
            assertNotEquals(p.answer(), cot.conclusion());
            assertTrue(cot.conclusion() >= 0 && cot.conclusion() <= 27);
            assertEquals(style.chain(p, p.firstSum(), cot.conclusion()), cot.cot());
        }
    }

    @Property
    void aForcedWrongFirstStepIsLeftOpen(@ForAll @IntRange(min = 0, max = 999) int n) {
        ToyProblem p = ToyProblem.ofNumber(n);
        for (CotStyle style : CotStyle.values()) {
            CorruptedCot cot = Corruption.FORCED_WRONG_FIRST.apply(p, style);
            assertFalse(cot.complete());
            int wrong = cot.conclusion() - p.c();
            assertNotEquals(p.firstSum(), wrong);
            assertEquals(style.openPrefix(p, wrong), task.withOpenCot(p, cot.cot()).substring(p.prompt().length()
                    + "<think> ".length()));
        }
    }

    @Test
    void insertsAsTheTaskSays() {
        ToyProblem p = new ToyProblem(6, 1, 9);
        assertEquals("6+1+9=<think> 6+1=7 7+9=16 </think>", task.withCot(p, "6+1=7 7+9=16"));
        assertEquals("6+1+9=<think> </think>", task.withCot(p, ""));
        CorruptedCot forced = Corruption.FORCED_WRONG_FIRST.apply(p, CotStyle.WORDS);
        assertTrue(task.withCorruptedCot(p, forced).startsWith("6+1+9=<think> 6 plus 1 is "));
        assertTrue(task.withCorruptedCot(p, forced).endsWith(" , "));
        assertEquals(Corruption.WRONG_FINAL_SUM, Corruption.parse("wrong-final-sum"));
    }

    @Test
    void isDeterministicAndVariesOverProblems() {
        java.util.Set<Integer> moves = new java.util.HashSet<>();
        for (ToyProblem p : ToySplit.heldOut()) {
            CorruptedCot a = Corruption.WRONG_FIRST_CARRIED.apply(p, CotStyle.PLAIN);
            assertEquals(a, Corruption.WRONG_FIRST_CARRIED.apply(p, CotStyle.PLAIN));
            moves.add(a.conclusion() - p.answer());
        }
        assertEquals(8, moves.size(), "moves of -4..-1 and 1..4 all occur: " + moves);
    }
}
