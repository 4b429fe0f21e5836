package xcot.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.reports.Report;
import xcot.reports.charts.Figure;
import xcot.reports.charts.FigureRenderer;

/**
 * What {@code report.jte} shows, prepared as text: the template only lays it out. Every figure is inlined as SVG
 * (the page needs no other file and makes no request).
 */
public record ReportPage(String title, String subject, String scoring, String intervals,
                         List<BenchmarkSection> benchmarks, List<Table.Row> provenance, Optional<String> configYaml,
                         Optional<ComparisonSection> comparison, Optional<StudySection> userStudy) {
    /** One figure, inline. */
    public record FigureHtml(String id, String title, String caption, String svg) {
        static FigureHtml of(Figure f) {
            return new FigureHtml(f.id(), f.title(), f.caption(), FigureRenderer.svg(f, f.id() + "-", false));
        }
    }

    /**
     * @param commands one {@code xcot score} line per setting, in table order
     */
    public record BenchmarkSection(String name, String heading, String note, Table settings, Table accuracy,
                                   List<Table.Row> commands, List<FigureHtml> figures) {}

    public record ComparisonSection(String heading, String summary, Table table) {}

    public record StudySection(String heading, String design, Table means, Table tests, String relation,
                               Optional<Table> points, FigureHtml figure) {}

    public static ReportPage of(Report report, List<List<Figure>> figures, Optional<Figure> studyFigure) {
        List<BenchmarkSection> sections = new ArrayList<>();
        for (int i = 0; i < report.benchmarks().size(); i++) {
            sections.add(Sections.benchmark(report.benchmarks().get(i),
                    figures.get(i).stream().map(FigureHtml::of).toList()));
        }
        return new ReportPage(report.title(), report.subject(), report.scoring().description(),
                "bootstrap 95 % over items, " + report.bootstrap().resamples() + " resamples, seed "
                        + report.bootstrap().seed(),
                sections, report.provenance().rows().stream().map(r -> new Table.Row(List.of(r.key(), r.value())))
                        .toList(),
                report.provenance().configYaml(), report.comparison().map(Sections::comparison),
                report.userStudy().map(u -> Sections.study(u, FigureHtml.of(studyFigure.orElseThrow()))));
    }
}
