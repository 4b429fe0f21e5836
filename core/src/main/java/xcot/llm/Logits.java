package xcot.llm;

import java.lang.foreign.MemorySegment;
import xcot.kernel.Argmax;
import xcot.kernel.LogProbKernel;
import xcot.kernel.NonFiniteLogitsException;

/**
 * The logits llama.cpp left in native memory after one decode: {@code rows x vocabSize} floats, row {@code r} being
 * the r-th token the batch marked for output, in batch order. Nothing is copied. Valid until the context's next
 * decode or close: every accessor checks, so a stale view throws instead of reading reused memory.
 *
 * <p>Log-probabilities are computed in place by {@link LogProbKernel}, so callers above this layer get plain doubles
 * and never hold a {@link MemorySegment}.
 */
public final class Logits {
    private final Context context;
    private final long decodeNumber;
    private final MemorySegment segment;
    private final int rows;
    private final int vocabSize;

    Logits(Context context, long decodeNumber, MemorySegment segment, int rows, int vocabSize) {
        this.context = context;
        this.decodeNumber = decodeNumber;
        this.segment = segment;
        this.rows = rows;
        this.vocabSize = vocabSize;
    }

    public int rows() {
        return rows;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** All rows as one segment ({@code rows * vocabSize} floats, row-major). */
    public MemorySegment segment() {
        checkCurrent();
        return segment;
    }

    /** Row {@code r} as a segment of {@code vocabSize} floats. */
    public MemorySegment row(int r) {
        checkCurrent();
        checkRow(r);
        return segment.asSlice((long) r * vocabSize * Float.BYTES, (long) vocabSize * Float.BYTES);
    }

    /** {@code ln softmax(row r)[token]} in nats, read in place. */
    public double logProbNats(int r, int token) {
        checkRow(r);
        checkCurrent();
        try {
            return LogProbKernel.logProb(segment, r, vocabSize, token);
        } catch (NonFiniteLogitsException e) {
            throw invalid(e);
        }
    }

    /** The token with the largest logit of row {@code r} (the lowest id among ties, as llama.cpp's greedy), read in place. */
    public int argmax(int r) {
        checkRow(r);
        checkCurrent();
        return Argmax.firstMaxIndex(segment, r, vocabSize);
    }

    /**
     * {@code out[i] = logProbNats(rows[i], tokens[i])} for every {@code i}, on the calling thread; all arguments are
     * checked before the first row is read.
     */
    public void logProbsNats(int[] rows, int[] tokens, double[] out) {
        checkCurrent();
        long[] rowIndices = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            checkRow(rows[i]);
            rowIndices[i] = rows[i];
        }
        try {
            LogProbKernel.logProbs(segment, vocabSize, rowIndices, tokens, out);
        } catch (NonFiniteLogitsException e) {
            throw invalid(e);
        }
    }

    /** The kernel's arithmetic fault, said as what it is here: this model's decode went wrong. */
    private InvalidLogitsException invalid(NonFiniteLogitsException e) {
        return new InvalidLogitsException(context.model().path().getFileName().toString(), decodeNumber, e);
    }

    private void checkRow(int r) {
        if (r < 0 || r >= rows) {
            throw new IndexOutOfBoundsException("logits row " + r + " of " + rows);
        }
    }

    private void checkCurrent() {
        if (!context.isCurrent(decodeNumber)) {
            throw new IllegalStateException("logits view is stale: the context decoded again or was closed");
        }
    }
}
