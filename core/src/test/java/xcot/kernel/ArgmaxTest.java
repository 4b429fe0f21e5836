package xcot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Argmax} against the scalar rule of llama.cpp's greedy sampler: the first index no later value exceeds. */
class ArgmaxTest {
    private static int scalarFirstMax(float[] row) {
        int selected = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[selected]) {
                selected = i;
            }
        }
        return selected;
    }

    private static int kernel(float[] row, Arena arena) {
        MemorySegment s = arena.allocate((long) row.length * Float.BYTES + 4, 4).asSlice(4); // unaligned on purpose
        MemorySegment.copy(row, 0, s, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, row.length);
        return Argmax.firstMaxIndex(s, 0, row.length);
    }

    @Test
    void matchesTheScalarRuleOnRandomRowsOfEverySize() {
        Random rng = new Random(11);
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {1, 2, 15, 16, 17, 63, 64, 65, 1000, 151_669}) {
                for (int trial = 0; trial < 20; trial++) {
                    float[] row = new float[n];
                    for (int i = 0; i < n; i++) {
                        // few distinct values: many ties for the maximum
                        row[i] = trial % 2 == 0 ? (float) rng.nextGaussian() : rng.nextInt(5);
                    }
                    assertEquals(scalarFirstMax(row), kernel(row, arena), "n=" + n + " trial " + trial);
                }
            }
        }
    }

    @Test
    void infinitiesAndSignedZeros() {
        try (Arena arena = Arena.ofConfined()) {
            float ninf = Float.NEGATIVE_INFINITY;
            assertEquals(0, kernel(new float[] {ninf, ninf, ninf}, arena));
            assertEquals(2, kernel(new float[] {ninf, 3f, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, arena));
            assertEquals(1, kernel(new float[] {-1f, -0f, 0f, -0f}, arena));
            float[] tail = new float[37];
            java.util.Arrays.fill(tail, ninf);
            tail[36] = -5f;
            assertEquals(36, kernel(tail, arena));
        }
    }

    @Test
    void nanIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {40, 1000, 151_669}) {
                for (int at : new int[] {0, n / 2, n - 1}) {
                    float[] row = new float[n];
                    row[at] = Float.NaN;
                    assertThrows(NonFiniteLogitsException.class, () -> kernel(row, arena), "NaN at " + at + " of " + n);
                }
            }
        }
    }
}
