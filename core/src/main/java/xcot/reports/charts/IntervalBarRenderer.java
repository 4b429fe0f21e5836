package xcot.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.Map;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.data.category.CategoryDataset;
import xcot.metrics.Interval;

/**
 * Grouped bars with an error bar per bar from a bootstrap interval. JFreeChart's {@code StatisticalBarRenderer} draws
 * mean ± one symmetric deviation; bootstrap intervals are not symmetric, so this renderer draws each bar as
 * {@link BarRenderer} does and then the interval's whisker over it.
 */
final class IntervalBarRenderer extends BarRenderer {
    private static final long serialVersionUID = 1L;
    private final Map<String, Interval> intervals = new HashMap<>();

    void setInterval(int row, int column, Interval ci) {
        intervals.put(row + "/" + column, ci);
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
            CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        Interval ci = intervals.get(row + "/" + column);
        if (pass != getPassCount() - 1 || ci == null || Double.isNaN(ci.low()) || Double.isNaN(ci.high())
                || plot.getOrientation() != PlotOrientation.VERTICAL) {
            return;
        }
        double x = domainAxis.getCategorySeriesMiddle(column, dataset.getColumnCount(), row, dataset.getRowCount(),
                getItemMargin(), dataArea, plot.getDomainAxisEdge());
        double low = rangeAxis.valueToJava2D(ci.low(), dataArea, plot.getRangeAxisEdge());
        double high = rangeAxis.valueToJava2D(ci.high(), dataArea, plot.getRangeAxisEdge());
        double cap = Math.max(2, state.getBarWidth() / 4);
        g2.setPaint(Color.BLACK);
        g2.setStroke(new BasicStroke(1.2f));
        g2.draw(new Line2D.Double(x, low, x, high));
        g2.draw(new Line2D.Double(x - cap, low, x + cap, low));
        g2.draw(new Line2D.Double(x - cap, high, x + cap, high));
    }
}
