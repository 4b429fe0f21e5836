package xcot.tasks.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ToyAnswersTest {
    @Test
    void theAnswerIsTheLastNumberAfterTheLastClosingTag() {
        assertEquals(Optional.of("16"), ToyAnswers.answer("<think> 6+1=7 7+9=16 </think> 16"));
        assertEquals(Optional.of("17"), ToyAnswers.answer("<think> 6+1=7 7+9=16 </think> 16 17"));
        assertEquals(Optional.of("5"), ToyAnswers.answer("<think> 1 </think> 2 </think> 5"));
        assertEquals(Optional.of("7"), ToyAnswers.answer("</think>007"));
        assertEquals(Optional.of("0"), ToyAnswers.answer("</think> 000"));
        assertEquals(Optional.empty(), ToyAnswers.answer("<think> 6+1=7 7+9=16 16"), "never closed");
        assertEquals(Optional.empty(), ToyAnswers.answer("<think> 6+1=7 7+9=16 </think> "), "no number after");
    }

    @Test
    void thinkingIsTheFirstBlockTrimmed() {
        assertEquals(Optional.of("6+1=7 7+9=16"), ToyAnswers.thinking("<think> 6+1=7 7+9=16 </think> 16"));
        assertEquals(Optional.of(""), ToyAnswers.thinking("<think> </think> 3"));
        assertEquals(Optional.empty(), ToyAnswers.thinking("<think> 6+1=7"));
        assertEquals(Optional.of("16"), ToyAnswers.conclusion("6+1=7 7+9=16"));
        assertEquals(Optional.empty(), ToyAnswers.conclusion("no numbers"));
    }

    @Test
    void wellFormedIsExactlyTheTrainedShape() {
        assertTrue(ToyAnswers.isWellFormed("<think> 6+1=7 7+9=16 </think> 16"));
        assertTrue(ToyAnswers.isWellFormed("<think> 6+1=7 7+9=99 </think> 3"), "shape only, not correctness");
        assertFalse(ToyAnswers.isWellFormed("<think> 6+1=7 7+9=16 </think> 16 "));
        assertFalse(ToyAnswers.isWellFormed("<think> 6+1=7 </think> 16"));
        assertFalse(ToyAnswers.isWellFormed("<think> 6+1=7 7+9=16 </think>"));
        assertFalse(ToyAnswers.isWellFormed("<think> 6 plus 1 is 7 7 plus 9 is 16 </think> 16"));
        assertFalse(ToyAnswers.isWellFormed(" <think> 6+1=7 7+9=16 </think> 16"));
    }

    @Test
    void scoresIntoXcotRecords() {
        ToyProblem p = new ToyProblem(6, 1, 9);
        var right = ToyScorer.score(p, "transfer", "swap-b", Optional.of("plain-a"), "<think> x </think> 016");
        assertEquals("toy", right.benchmark());
        assertEquals("6+1+9", right.itemId());
        assertEquals("16", right.answer());
        assertTrue(right.outcome().isCorrect());
        assertEquals(Optional.of("plain-a"), right.sourceModel());
        var wrong = ToyScorer.score(p, "default", "m", Optional.empty(), "<think> 6+1=7 7+9=17 </think> 17");
        assertEquals("17", wrong.answer());
        assertFalse(wrong.outcome().isCorrect() || wrong.outcome().isFailed());
        var unclosed = ToyScorer.score(p, "default", "m", Optional.empty(), "<think> 6+1=7 7+9=16 16");
        assertEquals("", unclosed.answer());
        assertEquals(new xcot.metrics.Outcome.Failed("the thinking block was never closed"), unclosed.outcome());
        var noNumber = ToyScorer.score(p, "default", "m", Optional.empty(), "<think> 6+1=7 </think> x");
        assertEquals(new xcot.metrics.Outcome.Failed("no number after </think>"), noNumber.outcome());
    }

    @Property
    void everyTrainingTargetIsWellFormedAndAnswersCorrectly(@ForAll @IntRange(min = 0, max = 999) int n) {
        ToyProblem p = ToyProblem.ofNumber(n);
        for (CotStyle s : CotStyle.values()) {
            String target = s.completion(p);
            assertTrue(ToyAnswers.isWellFormed(target), target);
            assertEquals(Optional.of(Integer.toString(p.answer())), ToyAnswers.answer(target));
            assertEquals(Optional.of(s.cot(p)), ToyAnswers.thinking(target));
            assertTrue(ToyScorer.score(p, "default", "m", Optional.empty(), target).outcome().isCorrect());
        }
    }
}
