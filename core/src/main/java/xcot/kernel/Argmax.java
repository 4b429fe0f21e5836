package xcot.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Greedy decoding's choice, read in place: the index of the largest logit of one row of a {@link MemorySegment}
 * (the buffer {@code llama_get_logits} returns), without building llama.cpp's 151,936-entry candidate array.
 *
 * <p>Ties go to the lowest index, as in llama.cpp's greedy sampler ({@code llama_sampler_greedy_apply} keeps the
 * first element that no later one exceeds), so the choice is the same token. One pass over the row: the maximum of
 * each block of {@value #BLOCK_VECTORS} vectors, keeping the first block whose maximum is strictly larger than every
 * earlier one; then that one block is searched for the first lane equal to it. A row with a NaN throws
 * {@link NonFiniteLogitsException} (llama.cpp would return index 0 or whatever precedes the NaN); ±∞ entries are
 * ordinary values.
 *
 * <p>Stateless and thread-safe; the segment must be readable from the calling thread.
 */
public final class Argmax {
    private static final int LANES = LogProbKernel.SPECIES.length();
    /** Vectors per block: enough independent max operations to hide their latency, one lane reduction per block. */
    private static final int BLOCK_VECTORS = 8;
    static final int BLOCK_FLOATS = BLOCK_VECTORS * LANES;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private Argmax() {}

    /** The lowest index {@code i} in {@code [0, nVocab)} with {@code row[i] == max(row)}. */
    public static int firstMaxIndex(MemorySegment logits, long row, int nVocab) {
        long base = LogProbKernel.rowOffsetBytes(logits, row, nVocab);
        float best = Float.NEGATIVE_INFINITY;
        int bestBlock = 0;
        int blocksEnd = nVocab - nVocab % BLOCK_FLOATS;
        for (int i = 0; i < blocksEnd; i += BLOCK_FLOATS) {
            float blockMax = blockMax(logits, base, i);
            if (blockMax > best) {
                best = blockMax;
                bestBlock = i;
            } else if (blockMax != blockMax) {
                throw new NonFiniteLogitsException(row, nVocab, Float.NaN);
            }
        }
        int bestTail = -1;
        for (int i = blocksEnd; i < nVocab; i++) {
            float x = logits.get(FLOAT, base + (long) i * Float.BYTES);
            if (x > best) {
                best = x;
                bestTail = i;
            } else if (x != x) {
                throw new NonFiniteLogitsException(row, nVocab, Float.NaN);
            }
        }
        if (bestTail >= 0) {
            return bestTail;
        }
        int end = Math.min(nVocab, bestBlock + BLOCK_FLOATS);
        for (int i = bestBlock; i < end; i++) {
            if (logits.get(FLOAT, base + (long) i * Float.BYTES) == best) {
                return i;
            }
        }
        throw new IllegalStateException("row maximum " + best + " not found again in row " + row);
    }

    /**
     * The largest of the {@link #BLOCK_FLOATS} floats from index {@code from}. Lane-wise MAX follows {@link Math#max}:
     * a NaN in the block makes the result NaN.
     */
    static float blockMax(MemorySegment logits, long base, int from) {
        FloatVector m0 = LogProbKernel.load(logits, base, from).max(LogProbKernel.load(logits, base, from + LANES));
        FloatVector m1 = LogProbKernel.load(logits, base, from + 2 * LANES)
                .max(LogProbKernel.load(logits, base, from + 3 * LANES));
        FloatVector m2 = LogProbKernel.load(logits, base, from + 4 * LANES)
                .max(LogProbKernel.load(logits, base, from + 5 * LANES));
        FloatVector m3 = LogProbKernel.load(logits, base, from + 6 * LANES)
                .max(LogProbKernel.load(logits, base, from + 7 * LANES));
        return m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
    }
}
