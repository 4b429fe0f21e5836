package xcot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import xcot.kernel.ScalarLogProb;

/** The C reference the benchmark compares against computes the same numbers as the Java double reference. */
class LseRefTest {
    @Test
    void cReferenceMatchesTheDoubleReferenceOnEveryRow() {
        int nVocab = 151_936;
        try (OffHeapLogits rows = new OffHeapLogits(3, nVocab, 7)) {
            MemorySegment logits = rows.logits();
            for (int row = 0; row < 3; row++) {
                for (int token : new int[] {0, 1234, nVocab - 1}) {
                    assertEquals(ScalarLogProb.logProbReference(logits, row, nVocab, token),
                            LseRef.logProb(logits, row, nVocab, token), 1e-5);
                }
                assertEquals(ScalarLogProb.logSumExpReference(logits, row, nVocab),
                        LseRef.logSumExp(logits, row, nVocab), 1e-5);
            }
        }
    }

    @Test
    void allTokensOfARowSumToProbabilityOne() {
        try (OffHeapLogits rows = new OffHeapLogits(1, 37, 3)) {
            double total = 0;
            for (int token = 0; token < 37; token++) {
                total += Math.exp(LseRef.logProb(rows.logits(), 0, 37, token));
            }
            assertEquals(1.0, total, 1e-6);
        }
    }

    @Test
    void tokenOutsideTheRowIsRejectedBeforeTheCall() {
        try (OffHeapLogits rows = new OffHeapLogits(1, 16, 1)) {
            assertThrows(IndexOutOfBoundsException.class, () -> LseRef.logProb(rows.logits(), 0, 16, 16));
        }
    }
}
