package xcot.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Log-sum-exp and log-probabilities (natural log, nats) of logits rows read in place from a {@link MemorySegment},
 * e.g. the buffer {@code llama_get_logits} returns: no row is ever copied to the heap.
 *
 * <p>Layout: row {@code r} is the {@code nVocab} native-order floats starting at byte {@code r·nVocab·4}. The segment
 * needs no particular alignment; it must be readable from the calling thread (a global-scope segment wrapped around
 * llama.cpp's pointer is; a confined arena's segment only from its owner thread).
 *
 * <p>Numerics, per row, two passes over the data (the second hits L2: a 151,936- or 201,088-float row is 0.6–0.8 MB):
 * <ol>
 *   <li>the maximum, with four independent vector accumulators so the max latency chain does not bound the loop;</li>
 *   <li>{@code Σ exp(x − max)} with {@link PolynomialExp}; every term is in [0, 1] and the max's own term is 1, so
 *       nothing overflows and the sum is at least 1. Terms are summed in float per lane, at most
 *       {@value #TERMS_PER_LANE} terms per lane before the lanes are widened into double lanes: that bounds the
 *       float rounding to about 32 ulp relative even on adversarial rows, where one float accumulator over 150k
 *       terms drifts about 5e-6 (docs/performance-notes.md §4.2).</li>
 * </ol>
 * {@code log p(token) = (x[token] − max) − ln Σ}, in double. Measured error against a double-precision reference is
 * below 1e-6 (see {@code LogProbKernelAccuracyTest}).
 *
 * <p>Rows that are not distributions (a NaN, a +∞, or all −∞) throw {@link NonFiniteLogitsException}; single −∞
 * entries are ordinary masked tokens with log p = −∞.
 *
 * <p>Results are bit-identical for the same row on the same machine, whichever thread or JIT tier computes them;
 * machines with a different vector width group the float sums differently and may differ in the last bits.
 *
 * <p>Stateless and thread-safe; {@link ParallelLogProbs} spreads many rows over a pool.
 */
public final class LogProbKernel {
    /** A {@code static final} species: with a non-constant one every vector op boxes (~50× slower, §4.3). */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Doubles in a vector of the same width, half as many lanes: the block sums are widened into these. */
    private static final VectorSpecies<Double> WIDE = DoubleVector.SPECIES_PREFERRED;
    /**
     * Float terms per lane before the block's sum is widened into the double sum. One accumulator, not several: a
     * second exp body in the loop pushes C2 past its inlining node budget, and then every vector is boxed (measured
     * 7× slower); the exp's own ~20 instructions already hide the add latency.
     */
    private static final int TERMS_PER_LANE = 32;
    private static final int BLOCK_FLOATS = TERMS_PER_LANE * LANES;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private LogProbKernel() {}

    /** {@code ln Σ exp(x)} over row {@code row}, in nats. */
    public static double logSumExp(MemorySegment logits, long row, int nVocab) {
        long base = rowOffsetBytes(logits, row, nVocab);
        float max = finiteRowMax(logits, base, row, nVocab);
        return max + Math.log(sumExpBelow(logits, base, nVocab, max));
    }

    /** {@code ln softmax(x)[token]} of row {@code row}, in nats; −∞ when {@code x[token]} is −∞. */
    public static double logProb(MemorySegment logits, long row, int nVocab, int token) {
        long base = rowOffsetBytes(logits, row, nVocab);
        checkToken(token, nVocab, -1);
        return logProbAt(logits, base, row, nVocab, token);
    }

    /**
     * {@code out[i] = logProb(logits, rows[i], nVocab, tokens[i])} on the calling thread. All arguments are checked
     * before the first row is computed.
     */
    public static void logProbs(MemorySegment logits, int nVocab, long[] rows, int[] tokens, double[] out) {
        checkBatch(logits, nVocab, rows, tokens, out);
        logProbRange(logits, nVocab, rows, tokens, out, 0, rows.length);
    }

    /** The batch body over {@code [from, to)}, arguments already checked by {@link #checkBatch}. */
    static void logProbRange(MemorySegment logits, int nVocab, long[] rows, int[] tokens, double[] out,
                             int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = logProbAt(logits, rows[i] * nVocab * Float.BYTES, rows[i], nVocab, tokens[i]);
        }
    }

    static void checkBatch(MemorySegment logits, int nVocab, long[] rows, int[] tokens, double[] out) {
        if (rows.length != tokens.length || rows.length != out.length) {
            throw new IllegalArgumentException("batch arrays differ in length: rows " + rows.length
                    + ", tokens " + tokens.length + ", out " + out.length);
        }
        for (int i = 0; i < rows.length; i++) {
            rowOffsetBytes(logits, rows[i], nVocab);
            checkToken(tokens[i], nVocab, i);
        }
    }

    private static double logProbAt(MemorySegment logits, long base, long row, int nVocab, int token) {
        float max = finiteRowMax(logits, base, row, nVocab);
        double sum = sumExpBelow(logits, base, nVocab, max);
        float x = logits.get(FLOAT, base + (long) token * Float.BYTES);
        return ((double) x - max) - Math.log(sum);
    }

    private static float finiteRowMax(MemorySegment logits, long base, long row, int nVocab) {
        float max = rowMax(logits, base, nVocab);
        if (!Float.isFinite(max)) {
            throw new NonFiniteLogitsException(row, nVocab, max);
        }
        return max;
    }

    /** Lane-wise MAX follows {@link Math#max}, so a NaN anywhere makes the result NaN: that is how NaN is detected. */
    private static float rowMax(MemorySegment logits, long base, int n) {
        FloatVector m0 = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        int i = 0;
        for (int bound = n - n % (4 * LANES); i < bound; i += 4 * LANES) {
            m0 = m0.max(load(logits, base, i));
            m1 = m1.max(load(logits, base, i + LANES));
            m2 = m2.max(load(logits, base, i + 2 * LANES));
            m3 = m3.max(load(logits, base, i + 3 * LANES));
        }
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            m0 = m0.max(load(logits, base, i));
        }
        float max = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, logits.get(FLOAT, base + (long) i * Float.BYTES));
        }
        return max;
    }

    /**
     * {@code Σ exp(x − max)} for a finite {@code max} that no entry exceeds. Float lanes are widened into double lanes
     * and those are added in lane order: unlike {@code reduceLanes(ADD)}, whose order differs between the interpreter
     * and C2, that gives the same bits whichever way the code runs.
     *
     * <p>Whole blocks, the remaining whole vectors and the scalar tail are separate methods for the same reason as
     * {@link #TERMS_PER_LANE} has one accumulator: C2's inlining node budget. Only the lane sum at the end of each
     * falls outside it, which boxes one small vector per call (about 200 bytes per row, measured).
     */
    private static double sumExpBelow(MemorySegment logits, long base, int n, float max) {
        int blocksEnd = n - n % BLOCK_FLOATS;
        int vectorsEnd = SPECIES.loopBound(n);
        double sum = sumExpBlocks(logits, base, blocksEnd, max);
        sum += sumExpVectors(logits, base, blocksEnd, vectorsEnd, max);
        for (int i = vectorsEnd; i < n; i++) {
            sum += Math.exp((double) logits.get(FLOAT, base + (long) i * Float.BYTES) - max);
        }
        return sum;
    }

    /** Over {@code [0, end)}, {@code end} a multiple of {@link #BLOCK_FLOATS}. */
    private static double sumExpBlocks(MemorySegment logits, long base, int end, float max) {
        FloatVector vmax = FloatVector.broadcast(SPECIES, max);
        DoubleVector sum = DoubleVector.zero(WIDE);
        for (int i = 0; i < end; ) {
            FloatVector s = FloatVector.zero(SPECIES);
            for (int blockEnd = i + BLOCK_FLOATS; i < blockEnd; i += LANES) {
                s = s.add(PolynomialExp.expNonPositive(load(logits, base, i).sub(vmax)));
            }
            sum = addWidened(sum, s);
        }
        return sumInLaneOrder(sum);
    }

    /** Over {@code [from, end)}, less than one block, so within the same terms-per-lane bound. */
    private static double sumExpVectors(MemorySegment logits, long base, int from, int end, float max) {
        FloatVector vmax = FloatVector.broadcast(SPECIES, max);
        FloatVector s = FloatVector.zero(SPECIES);
        for (int i = from; i < end; i += LANES) {
            s = s.add(PolynomialExp.expNonPositive(load(logits, base, i).sub(vmax)));
        }
        return sumInLaneOrder(addWidened(DoubleVector.zero(WIDE), s));
    }

    private static double sumInLaneOrder(DoubleVector lanes) {
        double sum = 0;
        for (int lane = 0; lane < lanes.length(); lane++) {
            sum += lanes.lane(lane);
        }
        return sum;
    }

    /** {@code acc + s} lane-wise, with the float lanes widened exactly to double. */
    private static DoubleVector addWidened(DoubleVector acc, FloatVector s) {
        DoubleVector low = (DoubleVector) s.convertShape(VectorOperators.F2D, WIDE, 0);
        DoubleVector high = (DoubleVector) s.convertShape(VectorOperators.F2D, WIDE, 1);
        return acc.add(low).add(high);
    }

    static FloatVector load(MemorySegment logits, long base, int index) {
        return FloatVector.fromMemorySegment(SPECIES, logits, base + (long) index * Float.BYTES, ORDER);
    }

    /** Byte offset of the row; checks that the whole row lies inside the segment. */
    static long rowOffsetBytes(MemorySegment logits, long row, int nVocab) {
        if (nVocab < 1) {
            throw new IllegalArgumentException("nVocab must be at least 1, got " + nVocab);
        }
        long rowBytes = (long) nVocab * Float.BYTES;
        if (row < 0 || row >= logits.byteSize() / rowBytes) {
            throw new IndexOutOfBoundsException("logits row " + row + " of " + nVocab + " floats is outside a "
                    + logits.byteSize() + "-byte segment (" + logits.byteSize() / rowBytes + " whole rows)");
        }
        return row * rowBytes;
    }

    /** {@code batchIndex} is −1 outside a batch. */
    private static void checkToken(int token, int nVocab, int batchIndex) {
        if (token < 0 || token >= nVocab) {
            String where = batchIndex < 0 ? "" : " at batch index " + batchIndex;
            throw new IndexOutOfBoundsException(
                    "token " + token + where + " is outside the vocabulary of " + nVocab);
        }
    }
}
