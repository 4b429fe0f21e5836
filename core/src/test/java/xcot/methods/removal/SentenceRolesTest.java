package xcot.methods.removal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import xcot.tasks.BenchmarkKind;

/** The answer-role rules on CoTs written the way other reasoning models write them. */
class SentenceRolesTest {
    private static String remove(String cot) {
        return new RuleBasedAnswerRemover().remove(cot, BenchmarkKind.MEDCALC);
    }

    @Test
    void terseStepsLoseTheLastStepAndWhatFollows() {
        // gpt-oss's analysis channel: bare steps, the conclusion without a copula.
        String cot = "We need compute MAP. Formula MAP = (2*DBP + SBP)/3. SBP 178, DBP 100. 2*100=200. 200+178=378. "
                + "378/3=126. So MAP 126 mm Hg. Provide answer.";
        assertEquals("We need compute MAP. Formula MAP = (2*DBP + SBP)/3. SBP 178, DBP 100. 2*100=200. 200+178=378.",
                remove(cot));
    }

    @Test
    void markdownWithABoxedAnswerKeepsItsLinesUpToTheSum() {
        // DeepSeek-R1 distills: paragraphs, a bold heading and \boxed{}.
        String cot = "Okay, so I need the CHA2DS2-VASc score.\n\nThe patient is 72, so age gives 1 point.\n"
                + "Hypertension: yes, 1 point.\nDiabetes: no.\n\nAdding up: 1 + 1 = 2.\n\n"
                + "Wait, let me double-check the age band: 65-74 is 1 point, so that's right.\n\n"
                + "**Final Answer**\nThe CHA2DS2-VASc score is \\boxed{2}.";
        assertEquals("Okay, so I need the CHA2DS2-VASc score.\n\nThe patient is 72, so age gives 1 point.\n"
                + "Hypertension: yes, 1 point.\nDiabetes: no.", remove(cot));
    }

    @Test
    void theFirstConclusionOfTheFinalValueStartsTheClosingPartEvenUnrounded() {
        // OpenThinker and QwQ: the value first concluded unrounded, then verified and restated.
        String cot = "Okay, let's see. The QTc by Bazett is QT divided by the square root of RR. "
                + "RR = 60/80 = 0.75 seconds. The square root of 0.75 is about 0.866. "
                + "So QTc = 330 / 0.866 ≈ 381.1 msec. Let me check once more. "
                + "0.866 times 381 is about 330, so that's consistent. Therefore, the final answer is 381 msec.";
        assertEquals("Okay, let's see. The QTc by Bazett is QT divided by the square root of RR. "
                + "RR = 60/80 = 0.75 seconds. The square root of 0.75 is about 0.866.", remove(cot));
    }

    @Test
    void aSubScoreEqualToTheTotalDoesNotEndTheReasoning() {
        String cot = "Age over 75 gives 2 points, so age scores 2. Nothing else applies. The total is 2. "
                + "So the score is 2.";
        assertEquals("Nothing else applies.", remove(cot), "the first sentence restates the value but is no total");
    }

    @Test
    void hypothesesAndQuestionsAreNoConclusion() {
        String cot = "If the total is 2, the risk is low. So the total = 2? Age gives 1 point and diabetes 1 point. "
                + "Adding up: 1 + 1 = 2. So the answer is 2.";
        assertEquals("Age gives 1 point and diabetes 1 point.", remove(cot),
                "both first sentences restate the value, but the reasoning goes on after them");
    }

    @Test
    void datesAreValuesInEitherSpelling() {
        String cot = "The LMP is 01/05/2024 and the cycle is 28 days. Conception is about two weeks later. "
                + "So conception would be around January 19, 2024. Let me verify: 01/05/2024 plus 14 days is "
                + "01/19/2024.";
        assertEquals("The LMP is 01/05/2024 and the cycle is 28 days. Conception is about two weeks later.",
                remove(cot));
    }

    @Test
    void aCotWithoutValuesOrAnswerStatementsStaysWhole() {
        String cot = "The outputs are the opposites of the inputs.\nhot becomes cold, big becomes small.";
        assertEquals(cot, remove(cot));
    }

    @Test
    void sentencesAreCutAtBoundariesAndLineBreaksAndJoinedWithTheirSeparators() {
        String text = "  First, e.g. this. Total = 9. Wait\n- item one\n\nLast?";
        var spans = CotSentences.split(text);
        assertEquals(java.util.List.of("First, e.g. this.", "Total = 9.", "Wait", "- item one", "Last?"),
                CotSentences.texts(text, spans));
        assertEquals("First, e.g. this. Wait\nLast?",
                CotSentences.join(text, spans, new boolean[] {true, false, true, false, true}));
    }
}
