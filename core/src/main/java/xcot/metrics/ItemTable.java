package xcot.metrics;

import java.util.List;

/**
 * Per-row, per-item values of one statistic: rows are model pairs (consistency) or models (accuracy), columns are
 * items, NaN marks an item skipped for that row. A row's rate is the weighted mean of its non-NaN values; the table's
 * value is the mean of the row rates (rows without any value are left out, like {@code numpy.nanmean}).
 */
public final class ItemTable {
    private final List<String> rows;
    private final double[][] values;

    /** Takes ownership of {@code values} ({@code values[row][item]}). */
    public ItemTable(List<String> rows, double[][] values) {
        this.rows = List.copyOf(rows);
        this.values = values;
        if (values.length != rows.size()) {
            throw new IllegalArgumentException(rows.size() + " row names for " + values.length + " rows");
        }
    }

    public List<String> rows() {
        return rows;
    }

    public double value(int row, int item) {
        return values[row][item];
    }

    public int items() {
        return values.length == 0 ? 0 : values[0].length;
    }

    /** Sum of values and count of non-skipped items of one row, items weighted by {@code counts}. */
    double[] sumAndCount(int row, int[] counts) {
        double sum = 0;
        double n = 0;
        double[] v = values[row];
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && counts[i] != 0) {
                sum += counts[i] * v[i];
                n += counts[i];
            }
        }
        return new double[] {sum, n};
    }

    public double rowRate(int row, int[] counts) {
        double[] sc = sumAndCount(row, counts);
        return sc[1] == 0 ? Double.NaN : sc[0] / sc[1];
    }

    /** Mean of the row rates. */
    public double mean(int[] counts) {
        double sum = 0;
        int n = 0;
        for (int r = 0; r < values.length; r++) {
            double rate = rowRate(r, counts);
            if (!Double.isNaN(rate)) {
                sum += rate;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Population standard deviation of the row rates (ddof 0). */
    public double std(int[] counts) {
        double mean = mean(counts);
        double squares = 0;
        int n = 0;
        for (int r = 0; r < values.length; r++) {
            double rate = rowRate(r, counts);
            if (!Double.isNaN(rate)) {
                squares += (rate - mean) * (rate - mean);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(squares / n);
    }

    public Summary summary(BootstrapSpec spec) {
        int[] all = Bootstrap.identity(items());
        int rowsWithValue = 0;
        for (int r = 0; r < values.length; r++) {
            if (!Double.isNaN(rowRate(r, all))) {
                rowsWithValue++;
            }
        }
        return new Summary(mean(all), std(all), Bootstrap.percentile95(items(), spec, this::mean), rowsWithValue);
    }
}
