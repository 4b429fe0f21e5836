package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopConditionTest {
    /** Feeds pieces one by one as a generation would; returns the index of the piece that stopped it, or -1. */
    private static int firstStop(StopCondition c, String... pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            int from = text.length();
            text.append(pieces[i]);
            if (c.shouldStop(text, from)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsAStopStringSplitAcrossPieces() {
        StopCondition c = StopCondition.onAnyOf(List.of("</think>", "\n\n"));
        assertTrue(firstStop(c, "so the ", "answer is 4.", "</th", "ink>", " done") == 3);
        assertTrue(firstStop(c, "a\n", "\nb") == 1);
        assertTrue(firstStop(c, "no stop ", "here") == -1);
        assertTrue(firstStop(c, "x</think>y") == 0);
    }

    @Test
    void looksOnlyAtTheTail() {
        StopCondition c = StopCondition.onAnyOf(List.of("ab"));
        // "ab" early in the text, but the new piece cannot complete a new match: only the tail is searched
        StringBuilder text = new StringBuilder("ab" + "x".repeat(100));
        int from = text.length();
        text.append("y");
        assertFalse(c.shouldStop(text, from));
        assertFalse(StopCondition.never().shouldStop(text, from));
    }

    @Test
    void emptyStopsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StopCondition.onAnyOf(List.of()));
        assertThrows(IllegalArgumentException.class, () -> StopCondition.onAnyOf(List.of("a", "")));
    }
}
