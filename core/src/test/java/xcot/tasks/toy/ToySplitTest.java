package xcot.tasks.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToySplitTest {
    @Test
    void holdsOutTheColleaguesProblems() {
        // Both numbers come from the C++ harness that trained the study's models (zoo-training-notes.md).
        List<ToyProblem> heldOut = ToySplit.heldOut();
        assertEquals(123, heldOut.size());
        assertEquals(60_959, heldOut.stream().mapToInt(ToyProblem::number).sum());
        assertEquals(877, ToySplit.training().size());
        assertTrue(ToySplit.isHeldOut(new ToyProblem(0, 1, 3)), "the harness's first held-out problem");
    }

    @Test
    void keepsProblemsWhoseFactsOccurNowhereElseInTraining() {
        // Plain Knuth at 0.123 would hold these out; their second-step facts 0+c and 18+c never occur otherwise.
        for (ToyProblem p : List.of(new ToyProblem(0, 0, 0), new ToyProblem(0, 0, 5), new ToyProblem(9, 9, 2))) {
            assertFalse(ToySplit.isHeldOut(p), p.id());
        }
        assertTrue(ToySplit.heldOut().stream().allMatch(p -> p.firstSum() >= 1 && p.firstSum() <= 17));
    }

    @Test
    void everyFactAHeldOutProblemNeedsIsTrained() {
        Set<String> trainedFacts = new HashSet<>();
        for (ToyProblem p : ToySplit.training()) {
            trainedFacts.add(p.a() + "+" + p.b());
            trainedFacts.add(p.firstSum() + "+" + p.c());
        }
        for (ToyProblem p : ToySplit.heldOut()) {
            assertTrue(trainedFacts.contains(p.a() + "+" + p.b()), p.id());
            assertTrue(trainedFacts.contains(p.firstSum() + "+" + p.c()), p.id());
        }
    }

    @Test
    void theSplitIsThePlainHashRuleRecomputedWithLongs() {
        for (ToyProblem p : ToyProblem.all()) {
            long hash = (p.number() * 2_654_435_761L) % (1L << 32);
            boolean expected = p.firstSum() >= 1 && p.firstSum() <= 17 && hash < (long) Math.floor(0.126 * (1L << 32));
            assertEquals(expected, ToySplit.isHeldOut(p), p.id());
        }
    }
}
