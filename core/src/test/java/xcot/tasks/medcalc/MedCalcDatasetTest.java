package xcot.tasks.medcalc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.io.InputFormatException;
import xcot.io.ReadResult;

/** The shipped test set against the facts stated in the data README, and the loader's handling of bad input. */
class MedCalcDatasetTest {
    private static MedCalcDataset dataset;

    @BeforeAll
    static void load() {
        dataset = MedCalcDataset.load();
    }

    private static Map<String, Long> count(List<MedCalcRow> rows, Function<MedCalcRow, String> key) {
        return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    @Test
    void testSetHasTheDocumentedShape() {
        List<MedCalcRow> rows = dataset.rows();
        assertEquals(1047, rows.size());
        assertEquals(55, rows.stream().map(MedCalcRow::calculatorId).distinct().count());
        assertEquals(Map.of("lab", 327L, "risk", 240L, "physical", 240L, "severity", 80L, "diagnosis", 60L,
                "date", 60L, "dosage", 40L), count(rows, MedCalcRow::category));
        assertEquals(Map.of("decimal", 627L, "integer", 380L, "date", 40L), count(rows, MedCalcRow::outputType));
        // Multi-line quoted cells survive parsing.
        assertEquals(511, rows.stream().filter(r -> r.patientNote().contains("\n")).count());
        assertEquals(987, rows.stream().filter(r -> r.groundTruthExplanation().contains("\n")).count());
        assertTrue(rows.stream().noneMatch(r -> r.groundTruthAnswer().isEmpty() || r.lowerLimit().isEmpty()));
    }

    @Test
    void paperSubsetIsTheAuthorsSampleInOrder() {
        List<MedCalcRow> subset = dataset.paperSubset();
        assertEquals(100, subset.size());
        assertEquals(353, subset.get(0).rowNumber());
        assertEquals(1044, subset.get(99).rowNumber());
        assertEquals(50, subset.stream().map(MedCalcRow::calculatorId).distinct().count());
        assertEquals(Map.of("decimal", 57L, "integer", 36L, "date", 7L), count(subset, MedCalcRow::outputType));
        assertEquals(Map.of("lab", 27L, "physical", 24L, "risk", 20L, "severity", 10L, "date", 9L, "diagnosis", 5L,
                "dosage", 5L), count(subset, MedCalcRow::category));
        assertEquals(2, subset.stream().filter(r -> r.kind() == CalculatorKind.GESTATIONAL_AGE).count());
    }

    @Test
    void calculatorKindsFollowTheIdNotTheOutputType() {
        MedCalcRow gestational = dataset.rows().stream().filter(r -> r.calculatorId() == 69).findFirst().orElseThrow();
        assertEquals("integer", gestational.outputType());
        assertEquals(CalculatorKind.GESTATIONAL_AGE, gestational.kind());
    }

    private static final String HEADER = String.join(",", MedCalcCsv.COLUMNS.stream().map(c -> '"' + c + '"').toList());

    private static String row(int rowNumber, String note) {
        return rowNumber + ",2,Creatinine Clearance,lab,decimal,pmc-1,Extracted,\"" + note + "\",What?,{},25.238,"
                + "23.9761,26.4999,\"Step 1.\nStep 2.\"";
    }

    @Test
    void aMissingHeaderColumnStopsTheReadNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("test_data.csv");
        Files.writeString(csv, HEADER.replace(",\"Lower Limit\"", "") + "\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> MedCalcDataset.read(csv));
        assertEquals("test_data.csv:1: missing column 'Lower Limit'", e.getMessage());
    }

    @Test
    void aShortRowIsReportedAtItsFirstLineAndOtherRowsAreKept(@TempDir Path dir) throws IOException {
        String shortRow = "3,2,Creatinine Clearance,lab,decimal,pmc-1,Extracted,\"a\nb\",What?,{},25.238";
        Path csv = dir.resolve("test_data.csv");
        // Lines: 1 header, 2-4 row 1 (note spans 2 lines, explanation 2), 5-7 row 2, 8-9 short row, 10-12 row 4.
        Files.writeString(csv, HEADER + "\n" + row(1, "one\nline two") + "\n" + row(2, "x\ny") + "\n" + shortRow + "\n"
                + row(4, "last\nnote") + "\n");
        ReadResult<MedCalcRow> result = MedCalcDataset.read(csv);
        assertEquals(List.of(1, 2, 4), result.values().stream().map(MedCalcRow::rowNumber).toList());
        assertEquals(1, result.problems().size());
        assertEquals("test_data.csv:8: missing column 'Lower Limit'", result.problems().get(0).toString());
        assertEquals("one\nline two", result.values().get(0).patientNote());
    }

    @Test
    void invalidUtf8DropsOnlyTheRowThatHoldsIt(@TempDir Path dir) throws IOException {
        byte[] good = (HEADER + "\n" + row(1, "fine") + "\n" + row(2, "bad ") ).getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\n" + row(3, "fine again") + "\n").getBytes(StandardCharsets.UTF_8);
        // Row 1 spans lines 2-3; insert an invalid byte into row 2's note (line 4), before its closing quote.
        int insertAt = good.length - "\",What?,{},25.238,23.9761,26.4999,\"Step 1.\nStep 2.\"".length();
        byte[] bytes = new byte[good.length + 1 + tail.length];
        System.arraycopy(good, 0, bytes, 0, insertAt);
        bytes[insertAt] = (byte) 0xC3;
        System.arraycopy(good, insertAt, bytes, insertAt + 1, good.length - insertAt);
        System.arraycopy(tail, 0, bytes, good.length + 1, tail.length);
        Path csv = dir.resolve("test_data.csv");
        Files.write(csv, bytes);
        ReadResult<MedCalcRow> result = MedCalcDataset.read(csv);
        assertEquals(List.of(1, 3), result.values().stream().map(MedCalcRow::rowNumber).toList());
        assertEquals("test_data.csv:4: row skipped: it contains invalid UTF-8 (line 4)",
                result.problems().get(0).toString());
    }

    @Test
    void nonIntegerIdsAndUnknownCalculatorsAreReported(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, HEADER + "\n" + row(1, "a").replaceFirst("^1,", "one,") + "\n"
                + row(2, "b").replaceFirst("^2,2,", "2,99,") + "\n" + row(3, "c") + "\n");
        ReadResult<MedCalcRow> result = MedCalcDataset.read(csv);
        assertEquals(List.of(3), result.values().stream().map(MedCalcRow::rowNumber).toList());
        assertEquals(List.of("t.csv:2: Row Number 'one' is not an integer", "t.csv:4: unknown Calculator ID 99"),
                result.problems().stream().map(Object::toString).toList());
    }

    @Test
    void promptsAreTheReferenceZeroShotTexts() {
        MedCalcPrompts.Prompt prompt = MedCalcPrompts.zeroShot(dataset.row(353).orElseThrow());
        assertTrue(prompt.system().startsWith("You are a helpful assistant for calculating a score"));
        assertTrue(prompt.system().endsWith("\"answer\": str(short_and_direct_answer_of_the_question)}."));
        assertTrue(prompt.user().startsWith("Here is the patient note:\nA 72-year-old man"));
        assertTrue(prompt.user().contains("\n\nHere is the task:\nWhat is the patient's HAS-BLED score?\n\n"));
        assertTrue(prompt.user().endsWith("procress_to_solve_the_question), \"answer\": "
                + "str(short_and_direct_answer_of_the_question)}:"));
    }
}
