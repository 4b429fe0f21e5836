package xcot.tasks.medcalc;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import xcot.io.InputFormatException;
import xcot.io.InputProblem;
import xcot.io.ReadResult;
import xcot.io.Utf8Lines;

/**
 * Reads a MedCalc-Bench test CSV (quoted cells with newlines, a header row) with commons-csv. A missing header column
 * stops the read; a bad row (too few cells, a non-integer id, an unknown calculator, invalid UTF-8 inside it) is
 * reported with the physical line it starts on and skipped, and every other row is kept.
 */
final class MedCalcCsv {
    static final List<String> COLUMNS = List.of("Row Number", "Calculator ID", "Calculator Name", "Category",
            "Output Type", "Note ID", "Note Type", "Patient Note", "Question", "Relevant Entities",
            "Ground Truth Answer", "Lower Limit", "Upper Limit", "Ground Truth Explanation");

    private MedCalcCsv() {}

    static ReadResult<MedCalcRow> parse(byte[] bytes, String fileName) {
        Utf8Lines.Decoded decoded = Utf8Lines.decode(bytes, fileName);
        List<InputProblem> problems = new ArrayList<>();
        List<MedCalcRow> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        String text = String.join("\n", decoded.lines());
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            checkHeader(parser, fileName);
            Set<Integer> seenRows = new HashSet<>();
            var records = parser.iterator();
            long previousEnd = parser.getCurrentLineNumber();
            while (true) {
                long startLine = previousEnd + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    problems.add(new InputProblem(fileName, startLine, "unreadable CSV from here on: " + rootMessage(e)));
                    break;
                }
                long endLine = Math.max(startLine, parser.getCurrentLineNumber());
                previousEnd = parser.getCurrentLineNumber();
                Optional<Long> badLine = decoded.badLines().stream()
                        .filter(line -> line >= startLine && line <= endLine).findFirst();
                if (badLine.isPresent()) {
                    problems.add(new InputProblem(fileName, startLine,
                            "row skipped: it contains invalid UTF-8 (line " + badLine.get() + ")"));
                    continue;
                }
                toRow(record, fileName, startLine, seenRows, problems).ifPresent(rows::add);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new InputFormatException(new InputProblem(fileName, 1, "unreadable CSV header: " + rootMessage(e)));
        }
        return new ReadResult<>(rows, problems);
    }

    private static void checkHeader(CSVParser parser, String fileName) {
        List<String> header = parser.getHeaderNames();
        for (String column : COLUMNS) {
            if (!header.contains(column)) {
                throw new InputFormatException(new InputProblem(fileName, 1, "missing column '" + column + "'"));
            }
        }
    }

    private static Optional<MedCalcRow> toRow(
            CSVRecord record, String fileName, long line, Set<Integer> seenRows, List<InputProblem> problems) {
        for (String column : COLUMNS) {
            if (!record.isSet(column)) {
                problems.add(new InputProblem(fileName, line, "missing column '" + column + "'"));
                return Optional.empty();
            }
        }
        if (record.size() > record.getParser().getHeaderNames().size()) {
            problems.add(new InputProblem(fileName, line, record.size() + " cells, but the header has "
                    + record.getParser().getHeaderNames().size()));
            return Optional.empty();
        }
        Integer rowNumber = integer(record, "Row Number", fileName, line, problems);
        Integer calculatorId = integer(record, "Calculator ID", fileName, line, problems);
        if (rowNumber == null || calculatorId == null) {
            return Optional.empty();
        }
        if (CalculatorKind.of(calculatorId).isEmpty()) {
            problems.add(new InputProblem(fileName, line, "unknown Calculator ID " + calculatorId));
            return Optional.empty();
        }
        if (!seenRows.add(rowNumber)) {
            problems.add(new InputProblem(fileName, line, "duplicate Row Number " + rowNumber));
            return Optional.empty();
        }
        return Optional.of(new MedCalcRow(rowNumber, calculatorId, record.get("Calculator Name"),
                record.get("Category"), record.get("Output Type"), record.get("Note ID"), record.get("Note Type"),
                record.get("Patient Note"), record.get("Question"), record.get("Relevant Entities"),
                record.get("Ground Truth Answer"), record.get("Lower Limit"), record.get("Upper Limit"),
                record.get("Ground Truth Explanation")));
    }

    private static Integer integer(
            CSVRecord record, String column, String fileName, long line, List<InputProblem> problems) {
        String text = record.get(column).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problems.add(new InputProblem(fileName, line, column + " '" + text + "' is not an integer"));
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
