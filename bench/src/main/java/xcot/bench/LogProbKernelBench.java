package xcot.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import xcot.kernel.LogProbKernel;
import xcot.kernel.ParallelLogProbs;
import xcot.kernel.ScalarLogProb;

/**
 * log p(token) of one full-vocabulary logits row (K1–K3 of docs/performance-notes.md §7): the xcot Vector API kernel
 * against its two baselines in the same run, every variant reading the same native row.
 * <ul>
 *   <li>{@code xcotKernel}: {@link LogProbKernel#logProb}, in place, row hot in L2 (a 0.6–0.8 MB row fits).</li>
 *   <li>{@code scalarHeapCopyBaseline}: {@link ScalarLogProb#logProbHeapCopy}, llama.cpp's {@code log_softmax}
 *       ported to Java after copying the row to a fresh {@code float[]}.</li>
 *   <li>{@code cScalarReference}: the same two loops in C ({@code lse_ref.c}, gcc -O3, scalar), through FFM.</li>
 *   <li>{@code xcotKernelCold}: the kernel rotating over 640 rows (389–515 MB, far beyond L3), so every row comes
 *       from DRAM.</li>
 *   <li>{@code xcotKernelParallel} / {@code scalarHeapCopyBaselineParallel}: 640 rows per operation on one thread
 *       per core ({@link ParallelLogProbs}; the baseline in a same-size pool, like {@code perplexity.cpp} spreads
 *       rows over {@code hardware_concurrency()} threads). Scores are per row: rows/s = 10⁶ / score.</li>
 * </ul>
 * All scores are µs per row. Run with {@code bench/run-benchmarks.sh kernel}, which writes
 * {@code bench/results/kernel.json}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class LogProbKernelBench {
    static final int MANY_ROWS = 640;
    private static final long SEED = 42;

    /** One row, shared by all threads; the token is in the middle, away from any special first or last lanes. */
    @State(Scope.Benchmark)
    public static class HotRow {
        @Param({"151936", "201088"})
        public int nVocab;

        OffHeapLogits rows;
        int token;

        @Setup(Level.Trial)
        public void setUp() {
            rows = new OffHeapLogits(1, nVocab, SEED);
            token = nVocab / 3;
            double kernel = LogProbKernel.logProb(rows.logits(), 0, nVocab, token);
            requireClose("scalar heap-copy baseline", kernel,
                    ScalarLogProb.logProbHeapCopy(rows.logits(), 0, nVocab, token));
            requireClose("C scalar reference", kernel, LseRef.logProb(rows.logits(), 0, nVocab, token));
            requireClose("double reference", kernel,
                    ScalarLogProb.logProbReference(rows.logits(), 0, nVocab, token));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            rows.close();
        }
    }

    /** 640 rows, as one 32-candidate × 20-token scoring decode leaves them, and a pool of one thread per core. */
    @State(Scope.Benchmark)
    public static class ManyRows {
        @Param({"151936", "201088"})
        public int nVocab;

        OffHeapLogits rows;
        long[] rowIndices;
        int[] tokens;
        double[] out;
        ParallelLogProbs kernelPool;
        ForkJoinPool baselinePool;

        @Setup(Level.Trial)
        public void setUp() {
            rows = new OffHeapLogits(MANY_ROWS, nVocab, SEED);
            rowIndices = new long[MANY_ROWS];
            tokens = new int[MANY_ROWS];
            for (int i = 0; i < MANY_ROWS; i++) {
                rowIndices[i] = i;
                tokens[i] = (int) ((long) i * 7919 % nVocab);
            }
            out = new double[MANY_ROWS];
            kernelPool = ParallelLogProbs.perProcessor();
            baselinePool = new ForkJoinPool(kernelPool.threads());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kernelPool.close();
            baselinePool.close();
            rows.close();
        }
    }

    /** Which of the {@link ManyRows} the next cold call reads; one cursor per benchmark thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public double xcotKernel(HotRow s) {
        return LogProbKernel.logProb(s.rows.logits(), 0, s.nVocab, s.token);
    }

    @Benchmark
    public double scalarHeapCopyBaseline(HotRow s) {
        return ScalarLogProb.logProbHeapCopy(s.rows.logits(), 0, s.nVocab, s.token);
    }

    @Benchmark
    public double cScalarReference(HotRow s) {
        return LseRef.logProb(s.rows.logits(), 0, s.nVocab, s.token);
    }

    @Benchmark
    public double xcotKernelCold(ManyRows s, Cursor cursor) {
        int row = cursor.next;
        cursor.next = row + 1 == MANY_ROWS ? 0 : row + 1;
        return LogProbKernel.logProb(s.rows.logits(), row, s.nVocab, s.tokens[row]);
    }

    @Benchmark
    @OperationsPerInvocation(MANY_ROWS)
    public double[] xcotKernelParallel(ManyRows s) {
        s.kernelPool.logProbs(s.rows.logits(), s.nVocab, s.rowIndices, s.tokens, s.out);
        return s.out;
    }

    @Benchmark
    @OperationsPerInvocation(MANY_ROWS)
    public double[] scalarHeapCopyBaselineParallel(ManyRows s) {
        s.baselinePool.submit(() -> IntStream.range(0, MANY_ROWS).parallel().forEach(i -> s.out[i] =
                ScalarLogProb.logProbHeapCopy(s.rows.logits(), s.rowIndices[i], s.nVocab, s.tokens[i]))).join();
        return s.out;
    }

    /** A benchmark of code that computes something else is worthless: the variants must agree before timing. */
    private static void requireClose(String what, double kernel, double other) {
        if (!(Math.abs(kernel - other) <= 1e-5)) {
            throw new IllegalStateException(what + " gives " + other + ", the kernel " + kernel);
        }
    }
}
