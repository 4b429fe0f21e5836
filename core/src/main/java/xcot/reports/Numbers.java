package xcot.reports;

import java.util.Locale;
import xcot.metrics.Interval;

/** How reports print numbers: fixed decimals, {@code n/a} for an undefined statistic (NaN). */
public final class Numbers {
    public static final String NOT_AVAILABLE = "n/a";

    private Numbers() {}

    public static String fixed(double x, int decimals) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return NOT_AVAILABLE;
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", x);
        // A small negative value rounds to "-0.000"; print it as the zero it shows.
        return text.matches("-0\\.?0*") ? text.substring(1) : text;
    }

    public static String three(double x) {
        return fixed(x, 3);
    }

    public static String interval(Interval ci) {
        return "[" + three(ci.low()) + ", " + three(ci.high()) + "]";
    }

    /** A p-value: 3 significant digits, scientific below 0.001. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return NOT_AVAILABLE;
        }
        return p < 0.001 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    /** A signed difference, 3 decimals. */
    public static String signed(double x) {
        return Double.isNaN(x) ? NOT_AVAILABLE : String.format(Locale.ROOT, "%+.3f", x + 0.0);
    }

    public static String percent(double x) {
        return Double.isNaN(x) ? NOT_AVAILABLE : String.format(Locale.ROOT, "%.1f %%", 100 * x);
    }
}
