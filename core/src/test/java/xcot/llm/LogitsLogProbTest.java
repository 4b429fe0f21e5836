package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Logits#logProbNats} and its batch form, read in place, against a plain double-precision softmax. */
class LogitsLogProbTest {
    private static final String TEXT = "<|im_start|>user\nWhat is the CHA2DS2-VASc score?<|im_end|>\n";
    private static Model model;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static double referenceLogProb(MemorySegment row, int n, int token) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, row.getAtIndex(ValueLayout.JAVA_FLOAT, i));
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(row.getAtIndex(ValueLayout.JAVA_FLOAT, i) - max);
        }
        return row.getAtIndex(ValueLayout.JAVA_FLOAT, token) - max - Math.log(sum);
    }

    @Test
    void logProbsOfEveryNextTokenMatchADoubleSoftmax() {
        int[] tokens = model.vocab().tokenize(TEXT, false, true);
        try (Context context = model.newContext(ContextOptions.of(512).withThreads(1));
                Batch batch = context.newBatch(tokens.length, 1)) {
            for (int i = 0; i < tokens.length; i++) {
                batch.add(tokens[i], i, true, 0);
            }
            context.decode(batch);
            Logits logits = context.logits();
            int n = tokens.length - 1;
            int[] rows = new int[n];
            int[] next = new int[n];
            double[] batched = new double[n];
            for (int r = 0; r < n; r++) {
                rows[r] = r;
                next[r] = tokens[r + 1];
            }
            logits.logProbsNats(rows, next, batched);
            for (int r = 0; r < n; r++) {
                double expected = referenceLogProb(logits.row(r), logits.vocabSize(), next[r]);
                assertEquals(expected, logits.logProbNats(r, next[r]), 1e-5, "row " + r);
                assertEquals(logits.logProbNats(r, next[r]), batched[r], 0.0, "batch form, row " + r);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> logits.logProbNats(tokens.length, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> logits.logProbNats(0, logits.vocabSize()));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> logits.logProbsNats(new int[] {0, -1}, new int[] {0, 0}, new double[2]));
            batch.clear();
            batch.add(tokens[0], tokens.length, true, 0);
            context.decode(batch);
            assertThrows(IllegalStateException.class, () -> logits.logProbNats(0, 0), "stale after the next decode");
            Logits fresh = context.logits();
            assertEquals(referenceLogProb(fresh.row(0), fresh.vocabSize(), 5), fresh.logProbNats(0, 5), 1e-5);
        }
    }
}
