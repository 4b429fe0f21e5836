package xcot.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * Logits rows in native memory, laid out as llama.cpp leaves them ({@code rows × nVocab} floats), for the
 * benchmarks. Owns a shared arena; {@link #close()} frees it.
 *
 * <p>{@link #logits()} is a global-scope view of the same memory, the way xcot wraps the pointer
 * {@code llama_get_logits} returns ({@code MemorySegment.ofAddress(p).reinterpret(bytes)}), so the benchmark reads
 * it the way production does, without per-access liveness checks. The view must not be used after {@link #close()}.
 */
final class OffHeapLogits implements AutoCloseable {
    /** Typical spread of real logits; the kernel's speed does not depend on the values, libm's exp barely does. */
    private static final double LOGIT_SD = 3.0;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment logits;

    /** {@code rows} copies of one row of N(0, 3²) values drawn with {@code seed}. */
    OffHeapLogits(int rows, int nVocab, long seed) {
        long rowBytes = (long) nVocab * Float.BYTES;
        MemorySegment owned = arena.allocate(rows * rowBytes, 64);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < nVocab; i++) {
            owned.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (LOGIT_SD * random.nextGaussian()));
        }
        for (int r = 1; r < rows; r++) {
            MemorySegment.copy(owned, 0, owned, r * rowBytes, rowBytes);
        }
        this.logits = MemorySegment.ofAddress(owned.address()).reinterpret(owned.byteSize());
    }

    MemorySegment logits() {
        return logits;
    }

    @Override
    public void close() {
        arena.close();
    }
}
