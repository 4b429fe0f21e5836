package xcot.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerCollectorTest {
    private static ScoredAnswer answer(String condition, String source, String model, String item, String text) {
        return new ScoredAnswer("medcalc", item, condition, model, Optional.ofNullable(source), text,
                Outcome.of(text.equals("1")));
    }

    @Test
    void keepsTheSelectedAnswersInReadingOrderWithSharedStrings() {
        AnswerCollector c = new AnswerCollector(a -> !a.model().equals("left-out"));
        List<ScoredAnswer> read = List.of(answer("default", null, new String("m1"), "2", "1"),
                answer("default", null, "left-out", "2", "1"), answer("default", null, new String("m1"), "1", "0"),
                answer("default", null, "m2", "2", new String("1")));
        for (int i = 0; i < read.size(); i++) {
            c.add(read.get(i), "a.jsonl", i + 1);
        }
        assertEquals(List.of(read.get(0), read.get(2), read.get(3)), c.answers());
        assertEquals(1, c.dropped());
        assertSame(c.answers().get(0).model(), c.answers().get(1).model());
        assertSame(c.answers().get(0).answer(), c.answers().get(2).answer());
        assertSame(c.answers().get(0).outcome(), c.answers().get(2).outcome());
    }

    @Test
    void aSecondAnswerToOneItemIsRefusedAtItsLine() {
        AnswerCollector c = new AnswerCollector(a -> true);
        c.add(answer("transfer-full", "s1", "m", "7", "1"), "a.jsonl", 1);
        c.add(answer("transfer-full", "s2", "m", "7", "1"), "a.jsonl", 2);
        AnswerCollector.DuplicateAnswerException e = assertThrows(AnswerCollector.DuplicateAnswerException.class,
                () -> c.add(answer("transfer-full", "s1", "m", "7", "0"), "b.jsonl", 9));
        assertEquals("b.jsonl:9: a second answer of model m to item 7 (condition transfer-full, source s1); score "
                + "one run per model", e.getMessage());
    }
}
