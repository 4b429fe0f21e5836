package xcot.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import xcot.reports.BenchmarkReport;
import xcot.reports.EnsembleStats;
import xcot.reports.ReportSetting;
import xcot.reports.TransferMatrix;

/**
 * The figures of a benchmark's report, built with JFreeChart: the paper's grouped bar chart (consistency per
 * setting, full vs without answer, bootstrap 95 % intervals as error bars), the consistency breakdown as stacked
 * bars, source × target heatmaps of transfer consistency and target accuracy, and the ensembles' chunk shares and
 * winning-score curves.
 */
public final class Charts {
    static final Color FULL = new Color(0x4C72B0);
    static final Color WITHOUT_ANSWER = new Color(0xDD8452);
    static final Color CORRECT = new Color(0x55A868);
    static final Color WRONG = new Color(0xC44E52);
    static final Color INCONSISTENT = new Color(0x9A9A9A);
    private static final Color[] SERIES = {FULL, WITHOUT_ANSWER, CORRECT, WRONG, new Color(0x8172B3),
        new Color(0x937860), new Color(0xDA8BC3), new Color(0x8C8C8C)};
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Charts() {}

    /** Every figure of one benchmark; {@code stem} keeps the ids of several benchmarks apart. */
    public static List<Figure> forBenchmark(BenchmarkReport b, String stem) {
        List<Figure> figures = new ArrayList<>();
        figures.add(consistency(b, stem));
        if (!b.graded()) {
            figures.add(breakdown(b, stem));
        }
        for (TransferMatrix m : b.transfers()) {
            figures.add(heatmap(m, stem, true));
            figures.add(heatmap(m, stem, false));
        }
        if (!b.ensembles().isEmpty()) {
            figures.add(ensembleShares(b.ensembles(), stem));
            figures.add(winningScores(b.ensembles(), stem));
        }
        return figures;
    }

    static Figure consistency(BenchmarkReport b, String stem) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        IntervalBarRenderer renderer = new IntervalBarRenderer();
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (ReportSetting s : b.settings()) {
            columns.putIfAbsent(s.baseLabel(), columns.size());
        }
        String full = "full chain of thought";
        String without = "without answer";
        // Add every (series, column) first so the dataset's indices are final before intervals are keyed to them.
        for (ReportSetting s : b.settings()) {
            data.addValue(s.report().consistency().mean(), s.withoutAnswer() ? without : full, s.baseLabel());
        }
        for (ReportSetting s : b.settings()) {
            renderer.setInterval(data.getRowIndex(s.withoutAnswer() ? without : full),
                    data.getColumnIndex(s.baseLabel()), s.report().consistency().ci95());
        }
        JFreeChart chart = ChartFactory.createBarChart(null, null, "consistency" + (b.graded() ? " (similarity)" : ""),
                data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRenderer(renderer);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setSeriesPaint(data.getRowIndex(full) < 0 ? 1 : data.getRowIndex(full), FULL);
        if (data.getRowIndex(without) >= 0) {
            renderer.setSeriesPaint(data.getRowIndex(without), WITHOUT_ANSWER);
        }
        unitRange(plot);
        rotatedLabels(plot.getDomainAxis(), columns.size());
        style(chart);
        return new Figure("consistency-" + stem, "Consistency per setting",
                "Pairwise consistency per setting (mean over model pairs), the full chain of thought beside the chain "
                        + "without its answer sentences; error bars: bootstrap 95 % intervals over items.",
                chart, Math.max(640, 42 * columns.size() + 160), 420);
    }

    static Figure breakdown(BenchmarkReport b, String stem) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ReportSetting s : b.settings()) {
            var r = s.report().breakdown();
            data.addValue(r.consistentCorrect().mean(), "consistent, correct", s.label());
            data.addValue(r.consistentWrong().mean(), "consistent, wrong", s.label());
            data.addValue(r.inconsistent().mean(), "inconsistent", s.label());
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(null, null, "share of model-pair rows", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StackedBarRenderer renderer = (StackedBarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, CORRECT);
        renderer.setSeriesPaint(1, WRONG);
        renderer.setSeriesPaint(2, INCONSISTENT);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
        unitRange(plot);
        style(chart);
        return new Figure("breakdown-" + stem, "Consistency breakdown",
                "Per setting, how the model-pair rows split: consistent and both correct, consistent but not both "
                        + "correct (consistent but wrong), inconsistent.",
                chart, 720, Math.max(260, 22 * b.settings().size() + 110));
    }

    static Figure heatmap(TransferMatrix m, String stem, boolean consistency) {
        double[][] values = consistency ? m.sourceConsistency() : m.targetAccuracy();
        int cells = m.sources().size() * m.targets().size();
        double[][] xyz = new double[3][cells];
        List<XYTextAnnotation> labels = new ArrayList<>();
        int k = 0;
        for (int s = 0; s < m.sources().size(); s++) {
            for (int t = 0; t < m.targets().size(); t++) {
                xyz[0][k] = t;
                xyz[1][k] = s;
                xyz[2][k] = values[s][t];
                XYTextAnnotation label = new XYTextAnnotation(Double.isNaN(values[s][t]) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", values[s][t]), t, s);
                label.setFont(LABEL_FONT);
                label.setPaint(ValueScale.textOn(values[s][t]));
                labels.add(label);
                k++;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(m.condition(), xyz);
        SymbolAxis targets = new SymbolAxis("target (reads the chain)", m.targets().toArray(String[]::new));
        SymbolAxis sources = new SymbolAxis("source (wrote the chain)", m.sources().toArray(String[]::new));
        targets.setGridBandsVisible(false);
        sources.setGridBandsVisible(false);
        // The first source on top, as in a table.
        sources.setInverted(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        ValueScale scale = new ValueScale();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, targets, sources, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        labels.forEach(plot::addAnnotation);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis(consistency ? "consistency with the source" : "target accuracy");
        legendAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        chart.addSubtitle(legend);
        style(chart);
        String what = consistency ? "consistency" : "accuracy";
        return new Figure("transfer-" + what + "-" + m.condition() + "-" + stem,
                (consistency ? "Transfer consistency" : "Target accuracy") + ", " + m.condition(),
                consistency ? "Per source (row) and target (column): the share of items where the target, reading "
                        + "the source's chain (" + m.condition() + "), gave the source's own answer (its default "
                        + "chain); grey: the source has no default answers in the run."
                        : "Per source (row) and target (column): the target's accuracy reading the source's chain ("
                        + m.condition() + ").",
                chart, Math.max(420, 90 * m.targets().size() + 260), Math.max(260, 60 * m.sources().size() + 140));
    }

    static Figure ensembleShares(List<EnsembleStats> ensembles, String stem) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (EnsembleStats e : ensembles) {
            for (String generator : e.chunks().keySet()) {
                data.addValue(e.share(generator), generator, e.combination());
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(null, null, "share of chosen chunks", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
        }
        unitRange(plot);
        style(chart);
        return new Figure("ensemble-shares-" + stem, "Ensemble: whose chunks were chosen",
                "Per ensemble combination, each generator's share of the chunks the evaluators chose (summed over "
                        + "items).", chart, 720, Math.max(200, 40 * ensembles.size() + 130));
    }

    static Figure winningScores(List<EnsembleStats> ensembles, String stem) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (EnsembleStats e : ensembles) {
            XYSeries series = new XYSeries(e.combination());
            e.iterations().forEach(p -> series.add(p.iteration(), p.meanWinningScore()));
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(null, "iteration (chunk appended)",
                "winning score (perplexity, mean over items)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        style(chart);
        return new Figure("ensemble-scores-" + stem, "Ensemble: winning score per iteration",
                "Per iteration, the evaluators' perplexity of the chosen chunk, averaged over the items that reached "
                        + "that iteration (lower: the chunk was more likely to the evaluators).", chart, 720, 360);
    }

    static void unitRange(CategoryPlot plot) {
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setRange(0, 1.0);
    }

    static void rotatedLabels(CategoryAxis axis, int categories) {
        axis.setTickLabelFont(LABEL_FONT);
        if (categories > 4) {
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            axis.setMaximumCategoryLabelLines(2);
        }
    }

    static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getPlot() instanceof CategoryPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setRangeGridlinePaint(new Color(0xCCCCCC));
            p.setOutlineVisible(false);
        } else if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(new Color(0xDDDDDD));
            p.setRangeGridlinePaint(new Color(0xDDDDDD));
        }
    }
}
