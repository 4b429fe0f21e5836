package xcot.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Samples the rows of one decode on several threads: the calling thread takes one share, a fixed pool of daemon
 * threads the others. Each sequence's token depends only on its own row and sampler ({@link Sampler#sample(Logits,
 * int)} touches no context state), so the thread count never changes a result. Owns its pool; {@link #close()} shuts
 * it down.
 */
final class ParallelSampling implements AutoCloseable {
    /** Below this many rows per extra thread the hand-off costs more than it saves (a greedy row is ~20-50 µs). */
    private static final int MIN_ROWS_PER_THREAD = 2;

    private final int threads;
    private final ExecutorService pool;

    ParallelSampling(int threads) {
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "xcot-sampling");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code tokens[i] = sequences.get(i).sampler.sample(logits, sequences.get(i).outputRow)}. */
    int[] sample(Logits logits, List<ActiveSequence> sequences) {
        int n = sequences.size();
        int[] tokens = new int[n];
        int shares = Math.min(threads, Math.max(1, n / MIN_ROWS_PER_THREAD));
        if (shares == 1) {
            sampleRange(logits, sequences, tokens, 0, n);
            return tokens;
        }
        List<Future<?>> others = new ArrayList<>(shares - 1);
        for (int share = 1; share < shares; share++) {
            int from = n * share / shares;
            int to = n * (share + 1) / shares;
            others.add(pool.submit(() -> sampleRange(logits, sequences, tokens, from, to)));
        }
        RuntimeException failure = null;
        try {
            sampleRange(logits, sequences, tokens, 0, n / shares);
        } catch (RuntimeException e) {
            failure = e;
        }
        // Every share is waited for before anything is thrown: a sampler must not run after its sequence is dropped.
        boolean interrupted = false;
        for (Future<?> f : others) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        return tokens;
    }

    private static void sampleRange(Logits logits, List<ActiveSequence> sequences, int[] tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            ActiveSequence s = sequences.get(i);
            tokens[i] = s.sampler.sample(logits, s.outputRow);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
