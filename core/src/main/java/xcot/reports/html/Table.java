package xcot.reports.html;

import java.util.List;

/** A table as the template lays it out: header cells, then rows of text cells (the first column is the label). */
public record Table(List<String> headers, List<Row> rows) {
    /** @param highlight show the row as notable (e.g. a significant test) */
    public record Row(List<String> cells, boolean highlight) {
        public Row(List<String> cells) {
            this(cells, false);
        }

        public Row {
            cells = List.copyOf(cells);
        }
    }

    public Table {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }
}
