package xcot.metrics;

/**
 * A mean over rows (model pairs, models) with its population standard deviation ({@code numpy.std}, ddof 0, as the
 * paper reports it) and a bootstrap 95 % interval of the mean over resampled items.
 *
 * @param rows how many rows (pairs or models) had a value
 */
public record Summary(double mean, double std, Interval ci95, int rows) {}
