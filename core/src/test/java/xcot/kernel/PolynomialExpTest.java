package xcot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The vector exp against {@link Math#exp} over its whole domain, and its edge cases. */
class PolynomialExpTest {
    /** Cephes quotes about 1 ulp for its expf; the clamp and the exponent add must not make it worse than 2. */
    private static final double MAX_RELATIVE_ERROR = 2 * Math.ulp(1f);

    @Test
    void relativeErrorIsWithinTwoUlpOnMinus87ToZero() {
        int count = 1 << 22;
        float[] d = new float[count];
        for (int i = 0; i < count; i++) {
            d[i] = PolynomialExp.FLOOR * i / (count - 1);
        }
        float[] e = exp(d);
        double worst = 0;
        for (int i = 0; i < count; i++) {
            double exact = Math.exp(d[i]);
            worst = Math.max(worst, Math.abs(e[i] - exact) / exact);
        }
        System.out.printf(Locale.ROOT, "polynomial exp on [-87, 0]: max relative error %.3e (%.2f ulp)%n", worst,
                worst / Math.ulp(1f));
        assertTrue(worst <= MAX_RELATIVE_ERROR, "max relative error " + worst);
    }

    @Test
    void zeroGivesExactlyOne() {
        assertEquals(1f, exp(new float[] {0f, -0f})[0]);
        assertEquals(1f, exp(new float[] {0f, -0f})[1]);
    }

    @Test
    void belowTheFloorAndMinusInfinityGiveExactlyZero() {
        float[] e = exp(new float[] {Float.NEGATIVE_INFINITY, -87.0001f, -1e30f, -Float.MAX_VALUE, -200f});
        for (float value : e) {
            assertEquals(0f, value);
        }
    }

    @Test
    void theFloorItselfGivesANormalFloat() {
        float e = exp(new float[] {PolynomialExp.FLOOR})[0];
        assertTrue(e >= Float.MIN_NORMAL, "exp(-87) = " + e);
        assertEquals(Math.exp(-87), e, 2 * Math.ulp(e));
    }

    /** Applies the vector exp to any number of values, padding the last vector with zeros. */
    private static float[] exp(float[] d) {
        int lanes = LogProbKernel.SPECIES.length();
        float[] padded = new float[(d.length + lanes - 1) / lanes * lanes];
        System.arraycopy(d, 0, padded, 0, d.length);
        float[] out = new float[padded.length];
        for (int i = 0; i < padded.length; i += lanes) {
            PolynomialExp.expNonPositive(FloatVector.fromArray(LogProbKernel.SPECIES, padded, i)).intoArray(out, i);
        }
        return java.util.Arrays.copyOf(out, d.length);
    }
}
