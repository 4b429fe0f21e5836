package xcot.reports.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import xcot.reports.study.Criterion;
import xcot.reports.study.RatedCot;
import xcot.reports.study.UserStudyReport;

/** The user study's box plot: the ratings of each chain of thought, per criterion (JFreeChart's box-and-whisker). */
public final class StudyCharts {
    private StudyCharts() {}

    public static Figure boxPlot(UserStudyReport study) {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (Criterion criterion : Criterion.values()) {
            for (RatedCot cot : RatedCot.values()) {
                List<Double> values = new ArrayList<>();
                Arrays.stream(study.mean(cot, criterion).values()).forEach(values::add);
                data.add(values, criterion.label(), cot.label());
            }
        }
        JFreeChart chart = ChartFactory.createBoxAndWhiskerChart(null, null, "rating (1–5; best: 6 − rank)", data,
                true);
        CategoryPlot plot = chart.getCategoryPlot();
        BoxAndWhiskerRenderer renderer = (BoxAndWhiskerRenderer) plot.getRenderer();
        renderer.setMeanVisible(true);
        renderer.setMedianVisible(true);
        renderer.setFillBox(true);
        renderer.setItemMargin(0.1);
        renderer.setMaxOutlierVisible(false);
        java.awt.Color[] colours = {Charts.FULL, Charts.WITHOUT_ANSWER, Charts.CORRECT, Charts.WRONG};
        for (int i = 0; i < colours.length; i++) {
            renderer.setSeriesPaint(i, colours[i]);
        }
        ((NumberAxis) plot.getRangeAxis()).setRange(0.5, 5.5);
        plot.getDomainAxis().setTickLabelFont(Charts.LABEL_FONT);
        Charts.style(chart);
        return new Figure("user-study-ratings", "User study: ratings per chain of thought",
                "Ratings of each rated chain of thought per criterion (box: quartiles, line: median, circle: mean; "
                        + "the best-overall rank scored as 6 − rank).", chart, 820, 420);
    }
}
