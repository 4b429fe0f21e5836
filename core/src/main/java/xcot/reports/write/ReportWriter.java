package xcot.reports.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import xcot.reports.BenchmarkReport;
import xcot.reports.Report;
import xcot.reports.ReportFormat;
import xcot.reports.ResultsJson;
import xcot.reports.SettingsTables;
import xcot.reports.StudyTables;
import xcot.reports.charts.Charts;
import xcot.reports.charts.Figure;
import xcot.reports.charts.FigureRenderer;
import xcot.reports.charts.StudyCharts;
import xcot.reports.html.HtmlReport;
import xcot.reports.html.ReportPage;

/**
 * Writes a {@link Report} in the chosen formats. Every file is rendered in memory first, written into a temporary
 * folder beside the output and then moved into place, one atomic rename per file: a failure leaves the output
 * folder as it was, and a reader never sees half a file.
 */
public final class ReportWriter {
    public static final String HTML = "report.html";
    public static final String FIGURES = "figures";

    private ReportWriter() {}

    /** The files written, relative to {@code out}, in order. */
    public static List<String> write(Report report, Set<ReportFormat> formats, Path out) {
        Map<String, byte[]> files = render(report, formats);
        try {
            Files.createDirectories(out);
            Path staging = Files.createTempDirectory(out, ".xcot-report-");
            try {
                for (var e : files.entrySet()) {
                    Path file = staging.resolve(e.getKey());
                    Files.createDirectories(file.getParent());
                    Files.write(file, e.getValue());
                }
                for (String name : files.keySet()) {
                    Path target = out.resolve(name);
                    Files.createDirectories(target.getParent());
                    Files.move(staging.resolve(name), target, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write the report: " + e.getMessage(), e);
        }
        return List.copyOf(files.keySet());
    }

    /** Every output file's bytes, by relative path. */
    public static Map<String, byte[]> render(Report report, Set<ReportFormat> formats) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (formats.contains(ReportFormat.HTML)) {
            List<List<Figure>> figures = new ArrayList<>();
            for (BenchmarkReport b : report.benchmarks()) {
                figures.add(Charts.forBenchmark(b, stem(b.benchmark())));
            }
            Optional<Figure> study = report.userStudy().map(StudyCharts::boxPlot);
            files.put(HTML, utf8(HtmlReport.render(ReportPage.of(report, figures, study))));
            List<Figure> all = new ArrayList<>();
            figures.forEach(all::addAll);
            study.ifPresent(all::add);
            for (Figure f : all) {
                files.put(FIGURES + "/" + f.id() + ".svg", utf8(FigureRenderer.svg(f, f.id() + "-", true)));
                files.put(FIGURES + "/" + f.id() + ".png", FigureRenderer.png(f));
            }
        }
        if (formats.contains(ReportFormat.MD)) {
            if (!report.benchmarks().isEmpty()) {
                files.put("settings.md", utf8(SettingsTables.markdown(report)));
            }
            report.userStudy().ifPresent(u -> files.put("user-study.md", utf8(StudyTables.markdown(u))));
        }
        if (formats.contains(ReportFormat.CSV) && !report.benchmarks().isEmpty()) {
            files.put("settings.csv", utf8(SettingsTables.csv(report)));
        }
        if (formats.contains(ReportFormat.TEX) && !report.benchmarks().isEmpty()) {
            files.put("settings.tex", utf8(SettingsTables.latex(report)));
        }
        if (formats.contains(ReportFormat.JSON)) {
            files.put("results.json", utf8(ResultsJson.write(report)));
        }
        return files;
    }

    /** A benchmark name as a file-name part. */
    static String stem(String benchmark) {
        String s = benchmark.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return s.isEmpty() ? "benchmark" : s;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
