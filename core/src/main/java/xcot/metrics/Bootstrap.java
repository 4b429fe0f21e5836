package xcot.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap over items. A resample is given to the statistic as item multiplicities ({@code counts[i]}
 * copies of item i), so statistics recompute from their per-item tables without copying. Every call with the same
 * seed draws the same resamples, which keeps the intervals of one setting's statistics mutually consistent.
 */
public final class Bootstrap {
    /**
     * Who is told of the resamples as they are drawn, where a command binds one around its scoring (a progress line
     * for long bootstraps); unbound, nobody is.
     */
    public static final ScopedValue<Listener> LISTENER = ScopedValue.newInstance();
    private static final int REPORT_EVERY = 256;

    /** Told of resamples drawn; called from the scoring thread every few hundred resamples. */
    @FunctionalInterface
    public interface Listener {
        void resampled(int resamples);
    }

    private Bootstrap() {}

    /** All items once: the statistic on the original data. */
    public static int[] identity(int items) {
        int[] counts = new int[items];
        Arrays.fill(counts, 1);
        return counts;
    }

    /** The 2.5 % and 97.5 % percentiles (linear interpolation, numpy's default) of the resampled statistic. */
    public static Interval percentile95(int items, BootstrapSpec spec, ToDoubleFunction<int[]> statistic) {
        if (items == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(spec.seed());
        double[] values = new double[spec.resamples()];
        int kept = 0;
        int[] counts = new int[items];
        Listener listener = LISTENER.isBound() ? LISTENER.get() : null;
        for (int b = 0; b < spec.resamples(); b++) {
            if (listener != null && b % REPORT_EVERY == REPORT_EVERY - 1) {
                listener.resampled(REPORT_EVERY);
            }
            Arrays.fill(counts, 0);
            for (int j = 0; j < items; j++) {
                counts[random.nextInt(items)]++;
            }
            double value = statistic.applyAsDouble(counts);
            if (!Double.isNaN(value)) {
                values[kept++] = value;
            }
        }
        if (listener != null) {
            listener.resampled(spec.resamples() % REPORT_EVERY);
        }
        if (kept == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double[] sorted = Arrays.copyOf(values, kept);
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, 0.025), quantile(sorted, 0.975));
    }

    /** The {@code p} quantile of sorted values, interpolated linearly (numpy's default). */
    public static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}
