package xcot.reports.study;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import xcot.io.Utf8Lines;
import xcot.reports.input.ReportInputException;

/**
 * Reads the study's survey export (the paper's {@code user_study_raw_results.csv} less its identifying columns): a
 * header row of column names, a row of question texts, a row of import ids, then one row per participant. Columns
 * are recognised by their question text, {@code <colour>-model-<item> - <criterion>: ...} for the 1–5 scales and
 * {@code best-overall-<item> - ...<Colour> Model...} for the rank; empty cells are items a participant did not see.
 */
public final class UserStudyRatings {
    /** The ratings xcot ships (the paper's). */
    public static final String RESOURCE = "/xcot/published/genex-user-study/user_study_ratings.csv";

    private static final Pattern SCALE = Pattern.compile("^(\\w+)-model-(\\d+) - ([^:]+):.*", Pattern.DOTALL);
    private static final Pattern RANK = Pattern.compile("^best-overall-(\\d+) - .*>(\\w+) Model<.*", Pattern.DOTALL);
    private static final int HEADER_ROWS = 3;

    private UserStudyRatings() {}

    public static List<Rating> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ReportInputException(file + ": " + xcot.io.InputFiles.reason(e));
        }
    }

    public static List<Rating> shipped() {
        return parse(new String(Utf8Lines.readResource(RESOURCE), StandardCharsets.UTF_8), RESOURCE);
    }

    static List<Rating> parse(String csv, String name) {
        List<CSVRecord> rows;
        try {
            rows = CSVFormat.DEFAULT.parse(new StringReader(csv)).getRecords();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ReportInputException(name + ": not a CSV file: " + e.getMessage());
        }
        if (rows.size() <= HEADER_ROWS) {
            throw new ReportInputException(name + ": no responses (expected 3 header rows, then one row per "
                    + "participant, as the survey tool exports)");
        }
        CSVRecord questions = rows.get(1);
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < questions.size(); c++) {
            Column column = column(c, questions.get(c));
            if (column != null) {
                columns.add(column);
            }
        }
        if (columns.isEmpty()) {
            throw new ReportInputException(name + ":2: no rating columns (question texts like 'orange-model-185 - "
                    + "Clarity of Steps: ...')");
        }
        List<Rating> ratings = new ArrayList<>();
        for (int r = HEADER_ROWS; r < rows.size(); r++) {
            CSVRecord row = rows.get(r);
            for (Column column : columns) {
                String cell = column.index < row.size() ? row.get(column.index).strip() : "";
                if (cell.isEmpty()) {
                    continue;
                }
                double value;
                try {
                    value = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new ReportInputException(name + ":" + (r + 1) + ": column " + (column.index + 1)
                            + " is '" + cell + "', not a number");
                }
                if (value < 1 || value > (column.criterion == Criterion.BEST ? 4 : 5)) {
                    throw new ReportInputException(name + ":" + (r + 1) + ": column " + (column.index + 1)
                            + " is " + cell + ", outside the scale");
                }
                ratings.add(new Rating(r - HEADER_ROWS, column.item, column.cot, column.criterion,
                        column.criterion == Criterion.BEST ? 6 - value : value));
            }
        }
        return ratings;
    }

    private record Column(int index, String item, RatedCot cot, Criterion criterion) {}

    private static Column column(int index, String question) {
        Matcher scale = SCALE.matcher(question);
        if (scale.matches()) {
            return new Column(index, scale.group(2), RatedCot.ofColour(scale.group(1)),
                    Criterion.ofSurveyText(scale.group(3).strip()));
        }
        Matcher rank = RANK.matcher(question);
        if (rank.matches()) {
            return new Column(index, rank.group(1), RatedCot.ofColour(rank.group(2)), Criterion.BEST);
        }
        return null;
    }
}
