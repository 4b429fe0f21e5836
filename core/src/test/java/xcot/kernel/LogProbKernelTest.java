package xcot.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The kernel's contract: values derived by hand, row addressing, the non-finite policy, argument checks. */
class LogProbKernelTest {
    private final Arena arena = Arena.ofAuto();

    private MemorySegment rowsOf(float[]... rows) {
        MemorySegment segment = arena.allocate((long) rows.length * rows[0].length * Float.BYTES);
        for (int r = 0; r < rows.length; r++) {
            MemorySegment.copy(rows[r], 0, segment, ValueLayout.JAVA_FLOAT, (long) r * rows[0].length * Float.BYTES,
                    rows[r].length);
        }
        return segment;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 15, 16, 17, 1024, 1025, 151_936})
    void equalLogitsGiveMinusLogN(int n) {
        float[] row = new float[n];
        Arrays.fill(row, 7.25f);
        MemorySegment logits = rowsOf(row);
        assertEquals(-Math.log(n), LogProbKernel.logProb(logits, 0, n, n / 2), 1e-7);
        assertEquals(7.25 + Math.log(n), LogProbKernel.logSumExp(logits, 0, n), 1e-6);
    }

    @Test
    void twoTokensFollowTheLogisticFunction() {
        MemorySegment logits = rowsOf(new float[] {1.5f, -0.5f});
        // p(0) = 1 / (1 + e^-2)
        assertEquals(-Math.log1p(Math.exp(-2)), LogProbKernel.logProb(logits, 0, 2, 0), 1e-7);
        assertEquals(-2 - Math.log1p(Math.exp(-2)), LogProbKernel.logProb(logits, 0, 2, 1), 1e-7);
    }

    @Test
    void maskedTokenHasMinusInfinityAndDoesNotChangeTheOthers() {
        float[] row = {2f, Float.NEGATIVE_INFINITY, 2f, Float.NEGATIVE_INFINITY};
        MemorySegment logits = rowsOf(row);
        assertEquals(Double.NEGATIVE_INFINITY, LogProbKernel.logProb(logits, 0, 4, 1));
        assertEquals(-Math.log(2), LogProbKernel.logProb(logits, 0, 4, 2), 1e-7);
    }

    @Test
    void oneFiniteAmongMinusInfinityHasProbabilityOne() {
        float[] row = new float[4099];
        Arrays.fill(row, Float.NEGATIVE_INFINITY);
        row[4000] = -123.5f;
        assertEquals(0.0, LogProbKernel.logProb(rowsOf(row), 0, row.length, 4000));
    }

    @Test
    void rowsAreAddressedByIndexWithStrideNVocab() {
        SplittableRandom random = new SplittableRandom(3);
        float[][] rows = new float[5][1031];
        for (float[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (4 * random.nextDouble() - 2);
            }
        }
        MemorySegment logits = rowsOf(rows);
        for (int r = 0; r < rows.length; r++) {
            assertEquals(ScalarLogProb.logProbReference(rowsOf(rows[r]), 0, 1031, 17),
                    LogProbKernel.logProb(logits, r, 1031, 17), 1e-6);
        }
    }

    @Test
    void batchFormEqualsSingleRowCalls() {
        float[][] rows = {{0f, 1f, 2f, 3f, 4f}, {9f, 1f, -1f, 0.5f, 3f}, {-2f, -2f, -2f, -2f, 8f}};
        MemorySegment logits = rowsOf(rows);
        long[] rowIndices = {2, 0, 1, 2};
        int[] tokens = {4, 0, 3, 1};
        double[] out = new double[4];
        LogProbKernel.logProbs(logits, 5, rowIndices, tokens, out);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = LogProbKernel.logProb(logits, rowIndices[i], 5, tokens[i]);
        }
        assertArrayEquals(expected, out);
    }

    @Test
    void resultsAreBitIdenticalFromTheFirstCallToCompiledCode() {
        SplittableRandom random = new SplittableRandom(4);
        float[] row = new float[2 * 1024 + 19];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) (6 * random.nextDouble() - 3);
        }
        MemorySegment logits = rowsOf(row);
        double first = LogProbKernel.logProb(logits, 0, row.length, 7);
        for (int call = 0; call < 20_000; call++) {
            assertEquals(first, LogProbKernel.logProb(logits, 0, row.length, 7), "call " + call);
        }
    }

    @Test
    void shiftingEveryLogitShiftsLogSumExpAndLeavesLogProbs() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(3000);
            float[] row = new float[n];
            float[] shifted = new float[n];
            float shift = (float) Math.scalb(1.0, random.nextInt(-4, 12));
            for (int i = 0; i < n; i++) {
                // Multiples of 1/16 below 2^12 are exact after any of these power-of-two shifts.
                row[i] = random.nextInt(-4096, 4096) / 16f;
                shifted[i] = row[i] + shift;
            }
            MemorySegment a = rowsOf(row);
            MemorySegment b = rowsOf(shifted);
            int token = random.nextInt(n);
            assertEquals(LogProbKernel.logSumExp(a, 0, n) + shift, LogProbKernel.logSumExp(b, 0, n), 1e-9 * shift + 1e-5);
            assertEquals(LogProbKernel.logProb(a, 0, n, token), LogProbKernel.logProb(b, 0, n, token), 1e-5);
        }
    }

    @Test
    void probabilitiesOfAllTokensSumToOne() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n : new int[] {1, 3, 17, 33, 1000, 4099}) {
            float[] row = new float[n];
            for (int i = 0; i < n; i++) {
                row[i] = (float) (10 * random.nextDouble() - 5);
            }
            MemorySegment logits = rowsOf(row);
            double total = 0;
            for (int token = 0; token < n; token++) {
                total += Math.exp(LogProbKernel.logProb(logits, 0, n, token));
            }
            assertEquals(1.0, total, 1e-6, "n = " + n);
        }
    }

    @Test
    void logSumExpMatchesReference() {
        SplittableRandom random = new SplittableRandom(8);
        float[] row = new float[151_936];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) (3 * random.nextDouble() - 20);
        }
        MemorySegment logits = rowsOf(row);
        assertEquals(ScalarLogProb.logSumExpReference(logits, 0, row.length),
                LogProbKernel.logSumExp(logits, 0, row.length), 1e-5);
    }

    @Test
    void heapCopyBaselineAgreesWithReference() {
        SplittableRandom random = new SplittableRandom(9);
        float[] row = new float[10_007];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) (6 * random.nextDouble() - 3);
        }
        MemorySegment logits = rowsOf(row);
        assertEquals(ScalarLogProb.logProbReference(logits, 0, row.length, 42),
                ScalarLogProb.logProbHeapCopy(logits, 0, row.length, 42), 1e-5);
    }

    @Test
    void nanAnywhereThrowsNamingTheRow() {
        float[] row = new float[1025];
        row[1024] = Float.NaN;
        MemorySegment logits = rowsOf(new float[1025], row);
        NonFiniteLogitsException e =
                assertThrows(NonFiniteLogitsException.class, () -> LogProbKernel.logProb(logits, 1, 1025, 0));
        assertEquals("logits row 1 (1025 floats) contains NaN", e.getMessage());
        assertEquals(1, e.row());
        assertEquals(1025, e.nVocab());
        assertTrue(Double.isNaN(ScalarLogProb.logProbReference(logits, 1, 1025, 0)));
    }

    @Test
    void positiveInfinityThrows() {
        float[] row = new float[40];
        row[3] = Float.POSITIVE_INFINITY;
        NonFiniteLogitsException e = assertThrows(NonFiniteLogitsException.class,
                () -> LogProbKernel.logSumExp(rowsOf(row), 0, 40));
        assertEquals("logits row 0 (40 floats) contains +Infinity", e.getMessage());
    }

    @Test
    void allMinusInfinityThrows() {
        float[] row = new float[100];
        Arrays.fill(row, Float.NEGATIVE_INFINITY);
        NonFiniteLogitsException e = assertThrows(NonFiniteLogitsException.class,
                () -> LogProbKernel.logProb(rowsOf(row), 0, 100, 5));
        assertEquals("logits row 0 (100 floats) is -Infinity everywhere", e.getMessage());
    }

    @Test
    void rowPastTheEndIsRejectedWithTheSizes() {
        MemorySegment logits = arena.allocate(10L * Float.BYTES);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> LogProbKernel.logProb(logits, 2, 4, 0));
        assertEquals("logits row 2 of 4 floats is outside a 40-byte segment (2 whole rows)", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> LogProbKernel.logProb(logits, -1, 4, 0));
    }

    @Test
    void badTokenOrVocabularyIsRejected() {
        MemorySegment logits = rowsOf(new float[8]);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> LogProbKernel.logProb(logits, 0, 8, 8));
        assertEquals("token 8 is outside the vocabulary of 8", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogProbKernel.logSumExp(logits, 0, 0));
        IndexOutOfBoundsException batch = assertThrows(IndexOutOfBoundsException.class,
                () -> LogProbKernel.logProbs(logits, 8, new long[] {0, 0}, new int[] {1, -1}, new double[2]));
        assertEquals("token -1 at batch index 1 is outside the vocabulary of 8", batch.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LogProbKernel.logProbs(logits, 8, new long[] {0}, new int[] {1, 2}, new double[2]));
    }

    @Test
    void heapSegmentsWorkToo() {
        float[] row = {1f, 2f, 3f};
        assertEquals(ScalarLogProb.logProbReference(MemorySegment.ofArray(row), 0, 3, 2),
                LogProbKernel.logProb(MemorySegment.ofArray(row), 0, 3, 2), 1e-7);
        float[] longRow = new float[1000];
        longRow[999] = 5f;
        assertEquals(ScalarLogProb.logProbReference(MemorySegment.ofArray(longRow), 0, 1000, 999),
                LogProbKernel.logProb(MemorySegment.ofArray(longRow), 0, 1000, 999), 1e-6);
    }
}
