package xcot.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Plain scalar log-probabilities (natural log) that {@link LogProbKernel} is measured against, with the same row
 * layout: row {@code r} is the {@code nVocab} native floats at byte {@code r·nVocab·4}.
 *
 * <ul>
 *   <li>{@link #logProbReference} is the accuracy reference: everything in double, IEEE semantics throughout (a NaN
 *       row gives NaN, an all −∞ row gives NaN, no exceptions), no cleverness to get wrong.</li>
 *   <li>{@link #logProbHeapCopy} is the performance baseline: what a direct Java port of llama.cpp's host-side
 *       {@code log_softmax} does, after first copying the row to a {@code float[]} as naive Java code would.</li>
 * </ul>
 */
public final class ScalarLogProb {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private ScalarLogProb() {}

    /** {@code ln Σ exp(x)} in double: max subtraction, then a compensated (Neumaier) double sum. */
    public static double logSumExpReference(MemorySegment logits, long row, int nVocab) {
        long base = LogProbKernel.rowOffsetBytes(logits, row, nVocab);
        double max = maxReference(logits, base, nVocab);
        return max + Math.log(sumExpReference(logits, base, nVocab, max));
    }

    /**
     * {@code ln softmax(x)[token]} in double, associated as {@code (x[token] − max) − ln Σ exp(x − max)} like the
     * kernel, so rows whose maximum is ±1e30 compare the summation and not the rounding of a 1e30-sized difference.
     */
    public static double logProbReference(MemorySegment logits, long row, int nVocab, int token) {
        long base = LogProbKernel.rowOffsetBytes(logits, row, nVocab);
        double max = maxReference(logits, base, nVocab);
        double x = logits.get(FLOAT, base + (long) token * Float.BYTES);
        return (x - max) - Math.log(sumExpReference(logits, base, nVocab, max));
    }

    /**
     * The llama.cpp-style baseline. Mirrors {@code log_softmax} in {@code tools/perplexity/perplexity.cpp:60-69}
     * (llama.cpp 80fb11a): {@code std::max} loop over floats, {@code expf(logit - max)} summed in a double, then
     * {@code logits[tok] - max - log(sum)}. {@code expf} is {@code (float) Math.exp} here; the copy to the heap is
     * what a Java port that does not read the segment in place pays.
     */
    public static double logProbHeapCopy(MemorySegment logits, long row, int nVocab, int token) {
        long base = LogProbKernel.rowOffsetBytes(logits, row, nVocab);
        float[] copy = new float[nVocab];
        MemorySegment.copy(logits, FLOAT, base, copy, 0, nVocab);
        float maxLogit = copy[0];
        for (int i = 1; i < nVocab; i++) {
            maxLogit = maxLogit < copy[i] ? copy[i] : maxLogit;
        }
        double sumExp = 0.0;
        for (int i = 0; i < nVocab; i++) {
            sumExp += (float) Math.exp(copy[i] - maxLogit);
        }
        return (copy[token] - maxLogit) - Math.log(sumExp);
    }

    private static double maxReference(MemorySegment logits, long base, int nVocab) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nVocab; i++) {
            max = Math.max(max, logits.get(FLOAT, base + (long) i * Float.BYTES));
        }
        return max;
    }

    /** Neumaier summation: the reference's own rounding stays near 1e-16, far under the kernel's. */
    private static double sumExpReference(MemorySegment logits, long base, int nVocab, double max) {
        double sum = 0;
        double compensation = 0;
        for (int i = 0; i < nVocab; i++) {
            double term = Math.exp(logits.get(FLOAT, base + (long) i * Float.BYTES) - max);
            double next = sum + term;
            compensation += Math.abs(sum) >= Math.abs(term) ? (sum - next) + term : (term - next) + sum;
            sum = next;
        }
        return sum + compensation;
    }
}
