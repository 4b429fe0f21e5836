package xcot.pycompat;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Python's {@code repr(float)} (which is also {@code str(float)}): the shortest digit string that round-trips, laid
 * out by CPython's {@code float_repr_style = 'short'} rules.
 *
 * <p>The digits come from {@link Double#toString(double)}, which since JDK 19 yields the shortest round-trip decimal
 * (Giulietti's algorithm), the same digit string as David Gay's dtoa mode 0 that CPython uses. Only the layout
 * differs (apart from one corner, see {@link #shorterIfRoundTrips}), so this class re-lays those digits out: positional notation when the decimal point position
 * {@code decpt} (value = 0.DIGITS × 10^decpt) is in (-4, 16], otherwise {@code d.ddde±XX} with at least two exponent
 * digits; {@code .0} is added to integral positional values; {@code inf}, {@code -inf}, {@code nan} as Python spells
 * them.
 */
public final class PyFloatRepr {
    private PyFloatRepr() {}

    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String sign = (Double.doubleToRawLongBits(value) < 0) ? "-" : "";
        if (value == 0.0) {
            return sign + "0.0";
        }
        Decimal decimal = shortestDigits(Math.abs(value));
        String digits = decimal.digits;
        int decpt = decimal.decpt;
        if (decpt <= -4 || decpt > 16) {
            return sign + exponential(digits, decpt - 1);
        }
        return sign + positional(digits, decpt);
    }

    private record Decimal(String digits, int decpt) {}

    /** Splits Java's shortest representation into significant digits and the decimal point position. */
    private static Decimal shortestDigits(double positive) {
        String text = Double.toString(positive);
        int exponent = 0;
        int e = text.indexOf('E');
        if (e >= 0) {
            exponent = Integer.parseInt(text.substring(e + 1));
            text = text.substring(0, e);
        }
        int dot = text.indexOf('.');
        String all = text.substring(0, dot) + text.substring(dot + 1);
        int decpt = dot + exponent;
        int first = 0;
        while (first < all.length() - 1 && all.charAt(first) == '0') {
            first++;
            decpt--;
        }
        int last = all.length();
        while (last > first + 1 && all.charAt(last - 1) == '0') {
            last--;
        }
        Decimal decimal = new Decimal(all.substring(first, last), decpt);
        return decimal.digits.length() == 2 ? shorterIfRoundTrips(positive, decimal) : decimal;
    }

    /**
     * Java's spec picks among 1- and 2-digit decimals the one closest to the value, so it can print 2 digits where
     * 1 already round-trips ({@code 4.9E-324}); Python always takes the shortest ({@code 5e-324}).
     */
    private static Decimal shorterIfRoundTrips(double value, Decimal twoDigits) {
        int lead = twoDigits.digits.charAt(0) - '0';
        BigDecimal exact = new BigDecimal(value);
        Decimal best = null;
        BigDecimal bestDistance = null;
        for (int candidate : new int[] {lead, lead + 1}) {
            Decimal oneDigit = candidate == 10
                    ? new Decimal("1", twoDigits.decpt + 1)
                    : new Decimal(Integer.toString(candidate), twoDigits.decpt);
            BigDecimal asNumber = new BigDecimal(new BigInteger(oneDigit.digits), 1 - oneDigit.decpt);
            if (candidate == 0 || asNumber.doubleValue() != value) {
                continue;
            }
            BigDecimal distance = asNumber.subtract(exact).abs();
            if (best == null || distance.compareTo(bestDistance) < 0) {
                best = oneDigit;
                bestDistance = distance;
            }
        }
        return best == null ? twoDigits : best;
    }

    private static String exponential(String digits, int exponent) {
        StringBuilder out = new StringBuilder().append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            out.append('0');
        }
        return out.append(magnitude).toString();
    }

    private static String positional(String digits, int decpt) {
        if (decpt <= 0) {
            return "0." + "0".repeat(-decpt) + digits;
        }
        if (decpt >= digits.length()) {
            return digits + "0".repeat(decpt - digits.length()) + ".0";
        }
        return digits.substring(0, decpt) + "." + digits.substring(decpt);
    }
}
