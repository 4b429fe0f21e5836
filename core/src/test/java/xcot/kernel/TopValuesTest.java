package xcot.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link TopValues} against sorting the whole row. */
class TopValuesTest {
    private static TopValues.Top kernel(float[] row, int m, Arena arena) {
        MemorySegment s = arena.allocate((long) row.length * Float.BYTES + 4, 4).asSlice(4); // unaligned on purpose
        MemorySegment.copy(row, 0, s, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, row.length);
        return TopValues.largest(s, 0, row.length, m);
    }

    /** The m largest values, descending: the multiset the kernel must return. */
    private static float[] sortedLargest(float[] row, int m) {
        float[] copy = row.clone();
        Arrays.sort(copy);
        float[] out = new float[m];
        for (int i = 0; i < m; i++) {
            out[i] = copy[copy.length - 1 - i];
        }
        return out;
    }

    @Test
    void theLargestValuesOfRandomRowsOfEverySize() {
        Random rng = new Random(5);
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {1, 2, 15, 16, 17, 63, 64, 65, 1000, 151_669}) {
                for (int m : new int[] {1, 2, 21, 51, 129}) {
                    if (m > n) {
                        continue;
                    }
                    for (int trial = 0; trial < 6; trial++) {
                        float[] row = new float[n];
                        for (int i = 0; i < n; i++) {
                            // odd trials: few distinct values, so ties at and inside the top m
                            row[i] = trial % 2 == 0 ? (float) rng.nextGaussian() * 4 : rng.nextInt(7);
                        }
                        if (trial == 4) {   // ascending: every vector beats the threshold
                            Arrays.sort(row);
                        }
                        TopValues.Top top = kernel(row, m, arena);
                        assertNotNull(top);
                        String at = "n=" + n + " m=" + m + " trial " + trial;
                        assertArrayEquals(sortedLargest(row, m), top.values(), at);
                        for (int i = 0; i < m; i++) {
                            assertEquals(row[top.indices()[i]], top.values()[i], at);
                        }
                        assertEquals(m, IntStream.of(top.indices()).distinct().count(), at);
                    }
                }
            }
        }
    }

    @Test
    void distinctValuesNameTheUniqueTopIndices() {
        Random rng = new Random(9);
        float[] row = new float[151_669];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) rng.nextGaussian();
        }
        try (Arena arena = Arena.ofConfined()) {
            TopValues.Top top = kernel(row, 51, arena);
            assertTrue(TopValues.distinct(top.values()));
            Integer[] order = IntStream.range(0, row.length).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> row[i]).reversed());
            for (int i = 0; i < 51; i++) {
                assertEquals(order[i], top.indices()[i]);
            }
        }
    }

    @Test
    void aNanAnywhereOrTooFewFiniteValuesGiveNull() {
        try (Arena arena = Arena.ofConfined()) {
            float[] row = new float[100];
            Arrays.fill(row, 1f);
            row[40] = Float.NaN;   // inside the vector part
            assertNull(kernel(row, 3, arena));
            row[40] = 1f;
            row[99] = Float.NaN;   // in the tail, for 16-lane vectors
            assertNull(kernel(row, 3, arena));
            float[] masked = new float[64];
            Arrays.fill(masked, Float.NEGATIVE_INFINITY);
            masked[3] = 2f;
            masked[50] = 1f;
            assertNull(kernel(masked, 3, arena));
            assertArrayEquals(new int[] {3, 50}, kernel(masked, 2, arena).indices());
        }
    }

    @Test
    void tiesAndSignedZerosAreNotDistinct() {
        assertTrue(TopValues.distinct(new float[] {3f, 2f, 1f}));
        assertTrue(TopValues.distinct(new float[] {7f}));
        assertFalse(TopValues.distinct(new float[] {3f, 2f, 2f}));
        assertFalse(TopValues.distinct(new float[] {0f, -0f}));
    }
}
