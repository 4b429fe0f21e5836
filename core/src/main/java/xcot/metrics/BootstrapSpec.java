package xcot.metrics;

/**
 * How confidence intervals are resampled: {@code resamples} draws of the items with replacement from a
 * {@link java.util.SplittableRandom} seeded with {@code seed}, so the same inputs always give the same intervals.
 */
public record BootstrapSpec(int resamples, long seed) {
    public static final BootstrapSpec DEFAULT = new BootstrapSpec(10_000, 42);

    public BootstrapSpec {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be positive, got " + resamples);
        }
    }
}
