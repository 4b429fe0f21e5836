package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xcot.tasks.toy.CotStyle;
import xcot.tasks.toy.ToySplit;
import xcot.tasks.toy.ToyVocabulary;

class TrainingWindowsTest {
    private final List<String> texts = TrainingWindows.texts(ToySplit.training(), List.of(CotStyle.PLAIN,
            CotStyle.WORDS));
    private final List<int[]> examples = TrainingWindows.examples(texts);

    @Test
    void everyExampleIsBosTextEos() {
        assertEquals(877 * 2, examples.size());
        assertEquals("0+0+0=<think> 0+0=0 0+0=0 </think> 0", texts.get(0));
        assertTrue(texts.get(1).contains(" plus "));
        for (int[] e : examples) {
            assertEquals(ToyVocabulary.BOS, e[0]);
            assertEquals(ToyVocabulary.EOS, e[e.length - 1]);
        }
    }

    @Test
    void windowsAreWholeExamplesAndLongEnough() {
        TrainingWindows windows = new TrainingWindows(examples, 256, 3);
        for (int w = 0; w < 50; w++) {
            int[] stream = windows.next();
            assertTrue(stream.length >= 257);
            int at = 0;
            while (at < stream.length) {
                int end = at;
                while (stream[end] != ToyVocabulary.EOS) {
                    end++;
                }
                int[] example = Arrays.copyOfRange(stream, at, end + 1);
                assertTrue(examples.stream().anyMatch(e -> Arrays.equals(e, example)), "window " + w);
                at = end + 1;
            }
            assertTrue(stream.length - lastExampleLength(stream) < 257, "no example beyond what fills the window");
        }
    }

    @Test
    void drawsUniformlyAndReproducibly() {
        TrainingWindows a = new TrainingWindows(examples, 256, 3);
        TrainingWindows b = new TrainingWindows(examples, 256, 3);
        TrainingWindows c = new TrainingWindows(examples, 256, 4);
        int[] first = a.next();
        assertArrayEquals(first, b.next());
        assertFalse(Arrays.equals(first, c.next()));
        Map<Integer, Integer> prompts = new HashMap<>();
        for (int w = 0; w < 2000; w++) {
            int[] s = a.next();
            for (int i = 0; i < s.length; i++) {
                if (s[i] == ToyVocabulary.BOS) {
                    prompts.merge(s[i + 1], 1, Integer::sum);
                }
            }
        }
        // The first digit a is 0-9 with training frequencies near 1/10 each (the split removes at most 17 of 100).
        int total = prompts.values().stream().mapToInt(Integer::intValue).sum();
        for (int digit = 262; digit <= 271; digit++) {
            double share = prompts.get(digit) / (double) total;
            assertTrue(share > 0.08 && share < 0.12, "digit " + (digit - 262) + ": " + share);
        }
    }

    private static int lastExampleLength(int[] stream) {
        int start = stream.length - 1;
        while (start > 0 && stream[start - 1] != ToyVocabulary.EOS) {
            start--;
        }
        return stream.length - start;
    }
}
