package xcot.reports;

import java.util.List;
import java.util.Optional;
import xcot.metrics.BootstrapSpec;
import xcot.reports.study.UserStudyReport;

/**
 * Everything {@code xcot report} writes, in one value that every output format renders: the benchmarks' settings,
 * tables and figures, the run's provenance, and the optional comparison and user-study sections.
 *
 * @param title   the report's heading (the run's name, or what was compared)
 * @param subject what the numbers were computed from (a run folder, the published outputs)
 */
public record Report(String title, String subject, ScoringMode scoring, BootstrapSpec bootstrap,
                     List<BenchmarkReport> benchmarks, Provenance provenance, Optional<RunComparison> comparison,
                     Optional<UserStudyReport> userStudy) {
    public Report {
        benchmarks = List.copyOf(benchmarks);
    }

    public Report withComparison(RunComparison c) {
        return new Report(title, subject, scoring, bootstrap, benchmarks, provenance, Optional.of(c), userStudy);
    }

    public Report withUserStudy(UserStudyReport u) {
        return new Report(title, subject, scoring, bootstrap, benchmarks, provenance, comparison, Optional.of(u));
    }
}
