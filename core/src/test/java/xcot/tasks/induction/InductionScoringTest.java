package xcot.tasks.induction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two normalizations step by step (docs/reference-pipeline.md §6.4) and the token-F1 scorer. */
class InductionScoringTest {
    private final TokenF1Scorer f1 = new TokenF1Scorer();

    @Test
    void accuracyNormalizationSteps() {
        assertEquals("write the cause and effect pairs cause",
                InductionScoring.normalizeForAccuracy("Sentence 1: Write the cause-and-effect pair's CAUSE. Extra."));
        assertEquals("output cats dogs", InductionScoring.normalizeForAccuracy(" Output cats and dogs<|im_end|>"));
        // After the last <think>, before the first period, punctuation dropped, whitespace collapsed.
        assertEquals("blahthink reverse each half",
                InductionScoring.normalizeForAccuracy("<think>x<think>blah</think>  Reverse each half. Then more"));
    }

    @Test
    void consistencyNormalizationSteps() {
        assertEquals("reverse each half", InductionScoring.normalizeForConsistency(
                "<|begin_of_solution|>**Pattern Recognition**: x The instruction is: \"**Reverse** each *half*\"<|im_end|>"));
        // No first-sentence cut, and only the text after the last marker counts.
        assertEquals("b. c", InductionScoring.normalizeForConsistency("The instruction is: a The instruction is: 'B. C'"));
    }

    @Test
    void answerIsWhatFollowsTheFirstEndMarker() {
        assertEquals("Reverse it </think> x", InductionScoring.extractAnswer("think </think> Reverse it </think> x ", "</think>"));
        assertEquals("whole output", InductionScoring.extractAnswer(" whole output\n", "</think>"));
    }

    @Test
    void tokenF1() {
        assertEquals(1.0 / 3, f1.similarity("reverse each half", "reverse both halves"), 1e-12);
        assertEquals(1.0, f1.similarity("a b", "b a"), 1e-12);
        assertEquals(2 * (2.0 / 3) * 1.0 / (2.0 / 3 + 1.0), f1.similarity("a a b", "a a"), 1e-12);
        assertEquals(0.0, f1.similarity("", "a"));
        assertEquals(1.0, f1.similarity("", ""));
    }

    @Test
    void accuracyIsTheBestAnnotationMatch() {
        assertEquals(1.0, InductionScoring.accuracy("Reverse each half.", List.of("Split it", "reverse each half"), f1));
        assertEquals(0.0, InductionScoring.accuracy("", List.of("anything"), f1));
    }

    @Test
    void consistencyIsSymmetricAndZeroForShortTexts() {
        assertEquals(0.0, InductionScoring.consistency("ab", "abc", f1));
        assertEquals(1.0 / 3, InductionScoring.consistency("Reverse each half", "reverse both halves", f1), 1e-12);
        assertEquals(InductionScoring.consistency("x y z", "x q", f1), InductionScoring.consistency("x q", "x y z", f1));
    }
}
