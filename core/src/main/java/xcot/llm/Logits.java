package xcot.llm;

import java.lang.foreign.MemorySegment;

/**
 * The logits llama.cpp left in native memory after one decode: {@code rows x vocabSize} floats, row {@code r} being
 * the r-th token the batch marked for output, in batch order. Nothing is copied. Valid until the context's next
 * decode or close: every accessor checks, so a stale view throws instead of reading reused memory.
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
        if (r < 0 || r >= rows) {
            throw new IndexOutOfBoundsException("logits row " + r + " of " + rows);
        }
        return segment.asSlice((long) r * vocabSize * Float.BYTES, (long) vocabSize * Float.BYTES);
    }

    private void checkCurrent() {
        if (!context.isCurrent(decodeNumber)) {
            throw new IllegalStateException("logits view is stale: the context decoded again or was closed");
        }
    }
}
