package xcot.reports;

import xcot.reports.study.Criterion;
import xcot.reports.study.RatedCot;
import xcot.reports.study.UserStudyReport;

/** The user study's tables in Markdown: the means (3 decimals, as the paper) and the 24 tests with their decisions. */
public final class StudyTables {
    private StudyTables() {}

    public static String markdown(UserStudyReport u) {
        StringBuilder out = new StringBuilder("# Human-preference study\n\n");
        out.append(u.participants()).append(" participants, ").append(u.items()).append(" items; source: ")
                .append(u.source()).append(".\n\n## Mean rating\n\n| chain of thought |");
        for (Criterion c : Criterion.values()) {
            out.append(' ').append(c.label()).append(" |");
        }
        out.append("\n|---|").append("---:|".repeat(Criterion.values().length)).append('\n');
        for (RatedCot cot : RatedCot.values()) {
            out.append("| ").append(cot.label()).append(" |");
            for (Criterion c : Criterion.values()) {
                out.append(' ').append(Numbers.three(u.mean(cot, c).mean())).append(" |");
            }
            out.append('\n');
        }
        out.append("\n## Pairwise tests (").append(u.tests().size()).append(" tests, Bonferroni: significant at p < ")
                .append(Numbers.fixed(u.correctedAlpha(), 6)).append(")\n\n")
                .append("| criterion | pair | n | mean diff. | t | p (t) | t significant | W | p (W) | W significant |\n")
                .append("|---|---|---:|---:|---:|---:|---|---:|---:|---|\n");
        for (var t : u.tests()) {
            out.append("| ").append(t.criterion().label()).append(" | ").append(t.a().label()).append(" vs ")
                    .append(t.b().label()).append(" | ").append(t.n()).append(" | ")
                    .append(Numbers.signed(t.meanDifference())).append(" | ").append(Numbers.fixed(t.tStatistic(), 2))
                    .append(" | ").append(Numbers.pValue(t.tP())).append(" | ").append(t.tSignificant() ? "yes" : "no")
                    .append(" | ").append(Numbers.fixed(t.wilcoxonStatistic(), 1)).append(" | ")
                    .append(Numbers.pValue(t.wilcoxonP())).append(" | ").append(t.wilcoxonSignificant() ? "yes" : "no")
                    .append(" |\n");
        }
        out.append("\n## Ratings and transferability\n\n");
        if (u.relation().isPresent()) {
            var r = u.relation().get();
            out.append("n = ").append(r.n()).append(" (chain, item) points; Spearman ρ of the mean rating with transfer "
                    + "consistency ").append(Numbers.three(r.consistency().rho())).append(' ')
                    .append(Numbers.interval(r.consistency().ci95())).append(", with target accuracy ")
                    .append(Numbers.three(r.accuracy().rho())).append(' ').append(Numbers.interval(r.accuracy().ci95()))
                    .append(" (bootstrap 95 % intervals over the points).\n");
        } else {
            out.append(u.relationMissing()).append(".\n");
        }
        return out.toString();
    }
}
