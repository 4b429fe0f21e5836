package xcot.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Greedy decoding's choice, read in place: the index of the largest logit of one row of a {@link MemorySegment}
 * (the buffer {@code llama_get_logits} returns), without building llama.cpp's 151,936-entry candidate array.
 *
 * <p>Ties go to the lowest index, as in llama.cpp's greedy sampler ({@code llama_sampler_greedy_apply} keeps the
 * first element that no later one exceeds), so the choice is the same token. Two passes: the maximum with
 * {@link LogProbKernel}'s four-accumulator loop, then the first lane equal to it. A row with a NaN throws
 * {@link NonFiniteLogitsException} (llama.cpp would return index 0 or whatever precedes the NaN); ±∞ entries are
 * ordinary values.
 *
 * <p>Stateless and thread-safe; the segment must be readable from the calling thread.
 */
public final class Argmax {
    private static final int LANES = LogProbKernel.SPECIES.length();
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private Argmax() {}

    /** The lowest index {@code i} in {@code [0, nVocab)} with {@code row[i] == max(row)}. */
    public static int firstMaxIndex(MemorySegment logits, long row, int nVocab) {
        long base = LogProbKernel.rowOffsetBytes(logits, row, nVocab);
        float max = LogProbKernel.rowMax(logits, base, nVocab);
        if (Float.isNaN(max)) {
            throw new NonFiniteLogitsException(row, nVocab, max);
        }
        FloatVector vmax = FloatVector.broadcast(LogProbKernel.SPECIES, max);
        int i = 0;
        for (int bound = LogProbKernel.SPECIES.loopBound(nVocab); i < bound; i += LANES) {
            VectorMask<Float> hit = LogProbKernel.load(logits, base, i).eq(vmax);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        for (; i < nVocab; i++) {
            if (logits.get(FLOAT, base + (long) i * Float.BYTES) == max) {
                return i;
            }
        }
        throw new IllegalStateException("row maximum " + max + " not found again in row " + row);
    }
}
