package xcot.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp(d)} for {@code d ≤ 0}, one vector of lanes at a time: the only exp the log-sum-exp kernel needs, since it
 * only ever exponentiates {@code logit − max}.
 *
 * <p>Why hand-written rather than {@code lanewise(EXP)}: the Vector API's EXP is SVML-backed on x86-64 only, silently
 * falls back to per-lane {@code Math.exp} elsewhere, and measured 1.5× slower than this polynomial even where SVML
 * exists (docs/performance-notes.md §4.3). This version is FMA-only and behaves the same on every platform.
 *
 * <p>Method (as in ggml's {@code ggml_v_expf} and Cephes {@code expf}):
 * <ol>
 *   <li>Inputs below {@value #FLOOR} give exactly 0; the rest are clamped to ≥ {@value #FLOOR}, which keeps
 *       {@code n ≥ −126} below, so {@code 2ⁿ} stays a normal float and there is no overflow path at all.</li>
 *   <li>Cody–Waite reduction: {@code n = round(d·log₂e)} by the {@code 1.5·2²³} magic add, then
 *       {@code r = d − n·ln2} with ln 2 split in a high and a low part, so {@code |r| ≤ ln2/2} is nearly exact.</li>
 *   <li>{@code exp(r) ≈ 1 + r + r²·P(r)}, P a degree-5 minimax polynomial (Cephes coefficients, about 1 ulp on the
 *       reduced range), evaluated with FMAs.</li>
 *   <li>{@code 2ⁿ} is applied by adding {@code n << 23} to the result's exponent bits: the magic add left {@code n} in
 *       the low mantissa bits of {@code z}, and shifting {@code z}'s bits left by 23 moves exactly those bits into
 *       the exponent field.</li>
 * </ol>
 * Maximum relative error over {@code [−87, 0]} is 0.70 ulp against {@code Math.exp} (measured on 4M points by
 * {@code PolynomialExpTest}, which fails above 2 ulp).
 */
final class PolynomialExp {
    /**
     * Below this, {@code exp} is under 1.7e-38 (the float normal range ends at 1.2e-38). Dropping such terms from a
     * sum that is at least 1 (the row maximum contributes exp(0)) changes it by less than 201,088 × 1.7e-38, far
     * below one float ulp of 1.
     */
    static final float FLOOR = -87f;

    private static final float LOG2E = 1.44269504088896341f;
    /** High part of ln 2 with only 9 significant bits, so {@code n·LN2_HI} is exact for |n| ≤ 126. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds to an integer (its ulp is 1) and leaves the integer in the low mantissa bits. */
    private static final float ROUND_MAGIC = 0x1.8p23f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    private PolynomialExp() {}

    /** {@code exp(d)} lane-wise for {@code d ≤ 0} (including −∞, which gives 0); {@code d > 0} is out of contract. */
    static FloatVector expNonPositive(FloatVector d) {
        VectorMask<Float> underflow = d.lt(FLOOR);
        FloatVector x = d.blend(FLOOR, underflow);
        FloatVector z = x.fma(LOG2E, ROUND_MAGIC);
        FloatVector n = z.sub(ROUND_MAGIC);
        FloatVector r = n.fma(n.broadcast(-LN2_HI), x);
        r = n.fma(n.broadcast(-LN2_LO), r);
        FloatVector p = r.fma(P0, P1);
        p = hornerStep(p, r, P2);
        p = hornerStep(p, r, P3);
        p = hornerStep(p, r, P4);
        p = hornerStep(p, r, P5);
        FloatVector expR = p.fma(r.mul(r), r).add(1f);
        IntVector nInExponentField = z.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
        FloatVector scaled = expR.reinterpretAsInts().add(nInExponentField).reinterpretAsFloats();
        return scaled.blend(0f, underflow);
    }

    /** {@code p·r + c} with one rounding. */
    private static FloatVector hornerStep(FloatVector p, FloatVector r, float c) {
        return p.fma(r, p.broadcast(c));
    }
}
