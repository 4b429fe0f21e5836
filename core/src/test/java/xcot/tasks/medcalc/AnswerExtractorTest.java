package xcot.tasks.medcalc;

import xcot.tasks.Completion;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import xcot.reference.Quirks;

/**
 * Golden cases for answer-string extraction, written from docs/reference-pipeline.md §5.1–5.2 (one per pattern
 * branch).
 */
class AnswerExtractorTest {
    @Test
    void takesTheValueOfTheJsonAnswerKey() {
        assertEquals("4", AnswerExtractor.answerString("{\"step_by_step_thinking\": \"Add it up.\", \"answer\": \"4\"}"));
    }

    @Test
    void toleratesCurlyQuotes() {
        assertEquals("25.2", AnswerExtractor.answerString("\"answer\": “25.2”}"));
    }

    @Test
    void stopsAtALineEnd() {
        assertEquals("12", AnswerExtractor.answerString("Answer: 12\nmore text"));
    }

    @Test
    void runsToTheEndOfTheText() {
        assertEquals("7", AnswerExtractor.answerString("The final answer is: 7"));
    }

    @Test
    void keepsTheLastMatch() {
        assertEquals("5", AnswerExtractor.answerString("{\"answer\": \"3\"} then {\"answer\": \"5\"}"));
    }

    @Test
    void stripsSpacesThenQuotes() {
        assertEquals("5", AnswerExtractor.answerString("{\"answer\":   \"  5  \"  }"));
        assertEquals("5\" and \"6", AnswerExtractor.answerString("answer: \"5\" and \"6\"}"));
    }

    @Test
    void echoedPlaceholdersAndNoMatchAreNotFound() {
        assertEquals("Not Found", AnswerExtractor.answerString("{\"answer\": \"str(short_and_direct_answer_of_the_question)\"}"));
        assertEquals("Not Found", AnswerExtractor.answerString("{\"answer\": \"str(value which is the answer to the question)\"}"));
        assertEquals("Not Found", AnswerExtractor.answerString("{\"answer\": X.XX}"));
        assertEquals("Not Found", AnswerExtractor.answerString("no key here"));
        assertEquals("Not Found", AnswerExtractor.answerString("ANSWER: 3"));
    }

    @Test
    void anEmptyValueIsAnEmptyString() {
        assertEquals("", AnswerExtractor.answerString("answer:"));
    }

    @Test
    void explanationIsTheLastThinkingValueBeforeAnAnswerKey() {
        String text = "{\"step_by_step_thinking\": \"first\", \"answer\": \"1\"} {\"step_by_step_thinking\": \"second\","
                + " \"Answer\": \"2\"}";
        assertEquals("second", AnswerExtractor.explanation(text));
        assertEquals("No Explanation", AnswerExtractor.explanation("{\"answer\": \"2\"}"));
    }

    @Test
    void thinkingIsBetweenTheFirstMarkers() {
        assertEquals(" a b ", AnswerExtractor.thinking("x <think> a b </think> c </think>", "<think>", "</think>"));
        assertEquals("", AnswerExtractor.thinking("x <think> never closed", "<think>", "</think>"));
        assertEquals("No Thoughts", AnswerExtractor.thinking("no markers", "<think>", "</think>"));
        assertEquals(" <think>", AnswerExtractor.thinking("prompt<think> <think></think>", "<think>", "</think>"));
    }

    private static final Completion TRANSFER = new Completion(
            "user: note\n<think> The CoT says {\"answer\": \"9\"} </think>",
            "<think>own\nthoughts</think>{\"answer\": \"4\"}",
            "</think>", false, false);

    @Test
    void referenceSearchesPromptCotAndContinuationCollapsed() {
        Quirks faithful = Quirks.faithfulScoring();
        String text = AnswerExtractor.searchText(TRANSFER, faithful);
        assertEquals("user: note <think> The CoT says {\"answer\": \"9\"} </think><think>own thoughts</think>{\"answer\": \"4\"}",
                text);
        assertEquals("4", AnswerExtractor.extract(TRANSFER, faithful));
    }

    @Test
    void referenceTakesAnAnswerStatedOnlyInTheInsertedCot() {
        Completion silentTarget = new Completion(TRANSFER.promptText(), "I am not sure.", "</think>", false, false);
        assertEquals("9", AnswerExtractor.extract(silentTarget, Quirks.faithfulScoring()));
        assertEquals("Not Found", AnswerExtractor.extract(silentTarget, Quirks.none()));
    }

    @Test
    void fixedSearchesOnlyAfterTheEndOfThinking() {
        Completion ownRun = new Completion("prompt", "{\"answer\": \"1\"} thinking </think> {\"answer\": \"2\"}",
                "</think>", false, false);
        assertEquals(" {\"answer\": \"2\"}", AnswerExtractor.searchText(ownRun, Quirks.none()));
    }

    @Test
    void gptOssCutIsKeyedOnTheSourceInTheReferenceAndOnTheGeneratorWhenFixed() {
        Completion fromQwqToOss = new Completion("prompt assistantanalysis cot assistantfinal",
                " Answer: 1 more assistantfinal {\"answer\": \"2\"}", "", true, false);
        assertEquals("1 more assistantfinal {\"answer\": \"2", AnswerExtractor.extract(fromQwqToOss,
                Quirks.faithfulScoring()));
        assertEquals("2", AnswerExtractor.extract(fromQwqToOss, Quirks.none()));
    }
}
