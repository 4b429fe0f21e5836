package xcot.kernel;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * {@link LogProbKernel#logProbs} spread over a fixed pool of threads, for the hundreds of rows one scoring decode
 * leaves (640 rows of 151,936 floats are 389 MB: at that size all cores together are bound by DRAM bandwidth).
 *
 * <p>Owns a {@link ForkJoinPool} of daemon threads, created by the constructor and shut down by {@link #close()}
 * (idempotent; later calls throw {@link IllegalStateException}). {@link #logProbs} may be called from several
 * threads at once; each call blocks until all its rows are done. The logits segment is read from the pool's
 * threads, so it must not be confined to one thread: use a global-scope segment (llama.cpp's logits pointer wrapped
 * with {@code reinterpret}) or one from a shared arena.
 */
public final class ParallelLogProbs implements AutoCloseable {
    /** Rows per leaf task: ~0.3 ms of work, far above fork/join overhead yet fine-grained enough to balance. */
    private static final int ROWS_PER_TASK = 8;

    private final ForkJoinPool pool;
    private volatile boolean closed;

    /** A pool of {@code threads} workers; {@code threads} from 1 to 256. */
    public ParallelLogProbs(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be 1..256, got " + threads);
        }
        this.pool = new ForkJoinPool(threads);
    }

    /** A pool with one worker per available processor. */
    public static ParallelLogProbs perProcessor() {
        return new ParallelLogProbs(Runtime.getRuntime().availableProcessors());
    }

    /** Number of worker threads. */
    public int threads() {
        return pool.getParallelism();
    }

    /**
     * {@code out[i] = LogProbKernel.logProb(logits, rows[i], nVocab, tokens[i])} in nats, computed on the pool.
     * All arguments are checked on the calling thread before any row is computed; a {@link NonFiniteLogitsException}
     * from any row is rethrown here (the other rows' entries in {@code out} are then unspecified).
     */
    public void logProbs(MemorySegment logits, int nVocab, long[] rows, int[] tokens, double[] out) {
        if (closed) {
            throw new IllegalStateException("ParallelLogProbs is closed");
        }
        LogProbKernel.checkBatch(logits, nVocab, rows, tokens, out);
        pool.invoke(new RowRange(logits, nVocab, rows, tokens, out, 0, rows.length));
    }

    /** Shuts the pool down after running calls finish; idempotent. */
    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    /** Halves its range until it is small enough to compute in place. */
    private static final class RowRange extends RecursiveAction {
        private static final long serialVersionUID = 1L;

        private final transient MemorySegment logits;
        private final int nVocab;
        private final long[] rows;
        private final int[] tokens;
        private final double[] out;
        private final int from;
        private final int to;

        RowRange(MemorySegment logits, int nVocab, long[] rows, int[] tokens, double[] out, int from, int to) {
            this.logits = logits;
            this.nVocab = nVocab;
            this.rows = rows;
            this.tokens = tokens;
            this.out = out;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from <= ROWS_PER_TASK) {
                LogProbKernel.logProbRange(logits, nVocab, rows, tokens, out, from, to);
                return;
            }
            int middle = (from + to) >>> 1;
            invokeAll(new RowRange(logits, nVocab, rows, tokens, out, from, middle),
                    new RowRange(logits, nVocab, rows, tokens, out, middle, to));
        }
    }
}
