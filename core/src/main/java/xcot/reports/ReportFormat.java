package xcot.reports;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The files {@code xcot report --format} can write. */
public enum ReportFormat {
    /** {@code report.html} and every figure as {@code figures/<id>.svg} and {@code .png}. */
    HTML,
    /** {@code settings.md} (and {@code user-study.md} with a user study). */
    MD,
    /** {@code settings.csv}. */
    CSV,
    /** {@code settings.tex} (booktabs). */
    TEX,
    /** {@code results.json}. */
    JSON;

    public static Set<ReportFormat> parse(String list) {
        Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
        for (String name : list.split(",")) {
            try {
                formats.add(valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + name.strip() + "' (expected a comma-separated "
                        + "list of html, md, csv, tex, json)");
            }
        }
        return formats;
    }
}
