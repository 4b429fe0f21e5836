package xcot.methods.removal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pieces of the measurement: values, answers, the word alignment, sentence labels. */
class RemovalMeasureTest {
    @Test
    void valuesAreTheSameWithinRoundingAndAcrossDateSpellings() {
        assertTrue(StatedValues.sameValue("430.8", "431"));
        assertTrue(StatedValues.sameValue("22.07", "22.1"));
        assertTrue(StatedValues.sameValue("20", "20.0"));
        assertTrue(StatedValues.sameValue("1,440", "1440"));
        assertFalse(StatedValues.sameValue("9.4", "9"), "a rounding to a small integer is no evidence");
        assertFalse(StatedValues.sameValue("12", "13"));
        assertTrue(StatedValues.sameValue("02/19/2024", "February 19, 2024"));
        assertTrue(StatedValues.sameValue("2/19/2024", "02/19/2024"));
        assertFalse(StatedValues.sameValue("02/19/2024", "19"));
    }

    @Test
    void resultsFollowOperatorsAndSkipRangesAndLabels() {
        assertEquals("9", StatedValues.results("Total = 2+2+2+1+2 = 9.").getLast());
        assertEquals(List.of(), StatedValues.results("The scoring is 130-139: 2 points."));
        assertEquals(List.of("330", "431.4"), StatedValues.results("Therefore, QTc ≈ 330 / 0.765 ≈ 431.4 msec."));
        assertEquals(List.of("22.1"), StatedValues.results("that would be approximately 22.1 kg/m²."));
        assertEquals(List.of("75.44"), StatedValues.results("\\[ 19.7 \\times 3.8251 \\approx 75.44. \\]"));
    }

    @Test
    void answersAreFoundAsNumbersDatesOrWeeksAndDays() {
        AnswerValue nine = AnswerValue.parse("9").orElseThrow();
        assertTrue(nine.isMentionedIn("Total: 9.0 points"));
        assertFalse(nine.isMentionedIn("bilirubin 1.9 mg/dL, 19 points, 9.4"));
        assertTrue(AnswerValue.parse("22.1").orElseThrow().isMentionedIn("so 22.07 kg/m²"));
        assertTrue(AnswerValue.parse("02/19/2024").orElseThrow().isMentionedIn("around February 19, 2024."));
        assertTrue(AnswerValue.parse("(3, 1)").orElseThrow().isMentionedIn("3 weeks and 1 day"));
        assertTrue(AnswerValue.parse("('36 weeks', '3 days')").orElseThrow().isMentionedIn("36 weeks, 3 days"));
        assertEquals(Optional.empty(), AnswerValue.parse("name 'N' is not defined"));
    }

    @Test
    void alignmentMatchesAWordsSubsequence() {
        assertArrayEquals(new boolean[] {true, false, true, false},
                WordAlignment.matched(List.of("a", "b", "c", "b"), List.of("a", "c")));
        assertArrayEquals(new boolean[] {true, true, false, true},
                WordAlignment.matched(List.of("x", "y", "z", "w"), List.of("x", "y", "q", "w")));
    }

    @Test
    void aSentenceSurvivesWhenMostOfItsWordsDoAndLineBreaksDoNotCount() {
        assertArrayEquals(new boolean[] {true, true, false},
                RemovalAgreement.keptSentences("One. Two three isn’t. Five six.", "One.  \nTwo isn't."));
        RemovalAgreement.Row row = RemovalAgreement.measure("One. Two three. Total = 9.", "One.  \nTwo three.",
                "One.", AnswerValue.parse("9"));
        assertEquals(new RemovalAgreement.Row(1, 1, 2, 1, 26, 15, 4, Optional.of(false), Optional.of(false)), row);
    }
}
