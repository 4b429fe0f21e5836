package xcot.reports.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/** Renders {@code report.html} from the jte templates compiled at build time ({@code core/src/main/jte}). */
public final class HtmlReport {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private HtmlReport() {}

    public static String render(ReportPage page) {
        StringOutput out = new StringOutput();
        ENGINE.render("report.jte", page, out);
        return out.toString();
    }
}
