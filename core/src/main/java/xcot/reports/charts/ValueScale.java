package xcot.reports.charts;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/** Heatmap colours for values in [0, 1]: white to dark blue; grey for a cell without a value (NaN). */
final class ValueScale implements PaintScale {
    static final Color NO_VALUE = new Color(0xDDDDDD);
    private static final Color LOW = new Color(0xF7FBFF);
    private static final Color HIGH = new Color(0x08306B);

    @Override
    public double getLowerBound() {
        return 0;
    }

    @Override
    public double getUpperBound() {
        return 1;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) {
            return NO_VALUE;
        }
        double t = Math.max(0, Math.min(1, value));
        return new Color(mix(LOW.getRed(), HIGH.getRed(), t), mix(LOW.getGreen(), HIGH.getGreen(), t),
                mix(LOW.getBlue(), HIGH.getBlue(), t));
    }

    /** Text on a cell: dark on light cells, white on dark ones. */
    static Color textOn(double value) {
        return !Double.isNaN(value) && value > 0.55 ? Color.WHITE : Color.BLACK;
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
