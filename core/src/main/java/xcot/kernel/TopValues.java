package xcot.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.VectorOperators;

/**
 * The {@code m} largest values of one logits row and where they are, read in place: what a top-k sampler needs
 * before it can work on {@code k} candidates instead of the whole vocabulary.
 *
 * <p>One pass with a min-heap of the best {@code m} so far: a block of {@link Argmax}'s size is looked into only when
 * its maximum beats the heap's minimum, which after the first few thousand entries few do; within it, only the lanes
 * a vector compare finds above that minimum are offered. A value equal to the minimum is not
 * taken, so the heap holds the {@code m} largest values as a multiset (which one of several equal values it holds is
 * unspecified: callers that care about ties must check for them, see {@link #distinct}).
 *
 * <p>Stateless and thread-safe.
 */
public final class TopValues {
    private static final int LANES = LogProbKernel.SPECIES.length();
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private TopValues() {}

    /**
     * The {@code m} largest values of row {@code row}, in descending order, with their indices; null when the row
     * holds a NaN or fewer than {@code m} values above negative infinity.
     */
    public static Top largest(MemorySegment logits, long row, int nVocab, int m) {
        if (m < 1 || m > nVocab) {
            throw new IllegalArgumentException("m must be in [1, " + nVocab + "], not " + m);
        }
        long base = LogProbKernel.rowOffsetBytes(logits, row, nVocab);
        Heap heap = new Heap(m);
        int blocksEnd = nVocab - nVocab % Argmax.BLOCK_FLOATS;
        for (int from = 0; from < blocksEnd; from += Argmax.BLOCK_FLOATS) {
            float blockMax = Argmax.blockMax(logits, base, from);
            if (blockMax != blockMax) {
                return null;
            }
            if (blockMax > heap.threshold()) {
                offerBlock(logits, base, from, heap);
            }
        }
        for (int i = blocksEnd; i < nVocab; i++) {
            float x = logits.get(FLOAT, base + (long) i * Float.BYTES);
            if (x != x) {
                return null;
            }
            heap.offer(x, i);
        }
        if (heap.size < m) {
            return null;
        }
        return heap.drainDescending();
    }

    /** Offers the block's values above the heap's threshold: a vector compare first, then only the lanes it found. */
    private static void offerBlock(MemorySegment logits, long base, int from, Heap heap) {
        for (int i = from; i < from + Argmax.BLOCK_FLOATS; i += LANES) {
            long above = LogProbKernel.load(logits, base, i).compare(VectorOperators.GT, heap.threshold()).toLong();
            while (above != 0) {
                int lane = Long.numberOfTrailingZeros(above);
                above &= above - 1;
                heap.offer(logits.get(FLOAT, base + (long) (i + lane) * Float.BYTES), i + lane);
            }
        }
    }

    /** Whether {@code values} (descending) holds no two equal values. */
    public static boolean distinct(float[] values) {
        for (int i = 1; i < values.length; i++) {
            if (!(values[i] < values[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /** Values in descending order and their indices in the row. */
    public record Top(float[] values, int[] indices) {}

    /** A binary min-heap of (value, index) of fixed capacity. */
    private static final class Heap {
        private final float[] values;
        private final int[] indices;
        private int size;

        Heap(int capacity) {
            values = new float[capacity];
            indices = new int[capacity];
        }

        /** Below this nothing can enter: the minimum once full, negative infinity before. */
        float threshold() {
            return size < values.length ? Float.NEGATIVE_INFINITY : values[0];
        }

        void offer(float x, int index) {
            if (!(x > threshold())) {
                return;
            }
            if (size < values.length) {
                int i = size++;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (values[parent] <= x) {
                        break;
                    }
                    values[i] = values[parent];
                    indices[i] = indices[parent];
                    i = parent;
                }
                values[i] = x;
                indices[i] = index;
            } else {
                siftDown(0, x, index, size);
            }
        }

        private void siftDown(int i, float x, int index, int n) {
            while (true) {
                int child = 2 * i + 1;
                if (child >= n) {
                    break;
                }
                if (child + 1 < n && values[child + 1] < values[child]) {
                    child++;
                }
                if (values[child] >= x) {
                    break;
                }
                values[i] = values[child];
                indices[i] = indices[child];
                i = child;
            }
            values[i] = x;
            indices[i] = index;
        }

        Top drainDescending() {
            float[] outValues = new float[size];
            int[] outIndices = new int[size];
            for (int n = size; n > 0; n--) {
                outValues[n - 1] = values[0];
                outIndices[n - 1] = indices[0];
                siftDown(0, values[n - 1], indices[n - 1], n - 1);
            }
            return new Top(outValues, outIndices);
        }
    }
}
