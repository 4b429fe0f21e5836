package xcot.reports.charts;

import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * One figure of a report: a JFreeChart chart and what the report says about it.
 *
 * @param id      file-name stem of the standalone SVG and PNG ({@code consistency-toy}); unique in a report
 * @param caption one sentence saying what is plotted and how to read it
 */
public record Figure(String id, String title, String caption, JFreeChart chart, int widthPixels, int heightPixels) {
    public Figure {
        Objects.requireNonNull(chart, "chart");
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("figure id must be a plain file-name stem, got '" + id + "'");
        }
    }
}
