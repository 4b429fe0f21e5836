package xcot.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pooled batch form: same numbers as the serial form, errors surface on the caller, closing is final. */
class ParallelLogProbsTest {
    private static final int N_VOCAB = 4099;
    private static final int ROWS = 100;

    private static MemorySegment randomRows(Arena arena) {
        SplittableRandom random = new SplittableRandom(21);
        MemorySegment logits = arena.allocate((long) ROWS * N_VOCAB * Float.BYTES);
        for (long i = 0; i < (long) ROWS * N_VOCAB; i++) {
            logits.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (8 * random.nextDouble() - 4));
        }
        return logits;
    }

    @Test
    void matchesTheSerialBatchExactly() {
        SplittableRandom random = new SplittableRandom(22);
        long[] rows = new long[333];
        int[] tokens = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextInt(ROWS);
            tokens[i] = random.nextInt(N_VOCAB);
        }
        double[] serial = new double[rows.length];
        double[] parallel = new double[rows.length];
        // Shared, not confined: the pool's threads read the segment.
        try (Arena arena = Arena.ofShared(); ParallelLogProbs pool = new ParallelLogProbs(3)) {
            MemorySegment logits = randomRows(arena);
            LogProbKernel.logProbs(logits, N_VOCAB, rows, tokens, serial);
            pool.logProbs(logits, N_VOCAB, rows, tokens, parallel);
            assertEquals(3, pool.threads());
        }
        assertArrayEquals(serial, parallel);
    }

    @Test
    void aNonFiniteRowIsRethrownOnTheCaller() {
        try (Arena arena = Arena.ofShared(); ParallelLogProbs pool = new ParallelLogProbs(2)) {
            MemorySegment logits = randomRows(arena);
            logits.setAtIndex(ValueLayout.JAVA_FLOAT, 57L * N_VOCAB + 9, Float.NaN);
            long[] rows = new long[ROWS];
            for (int i = 0; i < ROWS; i++) {
                rows[i] = i;
            }
            NonFiniteLogitsException e = assertThrows(NonFiniteLogitsException.class,
                    () -> pool.logProbs(logits, N_VOCAB, rows, new int[ROWS], new double[ROWS]));
            assertEquals(57, e.row());
        }
    }

    @Test
    void argumentsAreCheckedBeforeAnyWork() {
        try (Arena arena = Arena.ofShared(); ParallelLogProbs pool = new ParallelLogProbs(2)) {
            MemorySegment logits = randomRows(arena);
            assertThrows(IndexOutOfBoundsException.class,
                    () -> pool.logProbs(logits, N_VOCAB, new long[] {0, ROWS}, new int[2], new double[2]));
        }
    }

    @Test
    void closeIsIdempotentAndFinal() {
        ParallelLogProbs pool = new ParallelLogProbs(1);
        pool.close();
        pool.close();
        assertThrows(IllegalStateException.class,
                () -> pool.logProbs(MemorySegment.ofArray(new float[4]), 4, new long[0], new int[0], new double[0]));
    }

    @Test
    void threadCountIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ParallelLogProbs(0));
    }
}
