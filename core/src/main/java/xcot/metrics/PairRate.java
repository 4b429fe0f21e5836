package xcot.metrics;

/**
 * Agreement of two models over the items counted for them.
 *
 * @param agreeing sum of per-item agreement (a count for categorical rules)
 * @param counted  items not skipped for this pair
 */
public record PairRate(String modelA, String modelB, double agreeing, int counted) {
    /** {@code agreeing / counted}; NaN when no item was counted. */
    public double rate() {
        return counted == 0 ? Double.NaN : agreeing / counted;
    }
}
