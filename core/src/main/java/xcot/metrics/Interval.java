package xcot.metrics;

/** A two-sided confidence interval; NaN bounds when no resample produced a value. */
public record Interval(double low, double high) {}
