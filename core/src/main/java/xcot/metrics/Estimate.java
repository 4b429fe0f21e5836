package xcot.metrics;

/** A single statistic over items with its bootstrap 95 % interval. */
public record Estimate(double value, Interval ci95) {}
