package xcot.reports.study;

import java.util.List;
import xcot.metrics.Interval;

/**
 * How the ratings relate to the rated chains' measured transferability: over (chain, item) points, Spearman's rank
 * correlation of the mean rating (all criteria, all participants who saw the item) with the chain's transfer
 * consistency (share of agreeing target pairs) and with its targets' accuracy, each with a bootstrap 95 % interval
 * over the points.
 *
 * @param n the number of (chain, item) points with both a rating and a transfer measurement
 */
public record TransferabilityRelation(int n, Correlation consistency, Correlation accuracy, List<Point> points) {
    public record Correlation(double rho, Interval ci95) {}

    /** @param targets the models that read the chain on this item */
    public record Point(RatedCot cot, String item, double meanRating, double consistency, double accuracy,
                        int targets) {}

    public TransferabilityRelation {
        points = List.copyOf(points);
    }
}
