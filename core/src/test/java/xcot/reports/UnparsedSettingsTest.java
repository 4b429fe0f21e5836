package xcot.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import xcot.metrics.AnswerParsing;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.Outcome;
import xcot.metrics.ScoredAnswer;
import xcot.reference.Quirks;
import xcot.runs.RunResult;
import xcot.runs.export.SettingSummary;
import xcot.runs.export.Summaries;
import xcot.tasks.ItemSelection;
import xcot.tasks.catalog.BenchmarkCatalog;

/**
 * Every {@code n/a} of a table has its reason (answers parsed / total, the commonest failure), and a setting where
 * most answers failed to parse is flagged: in the run's summary table and in the report's tables.
 */
class UnparsedSettingsTest {
    static final String NAME_ERROR = "NameError: name 'answer' is not defined";

    /** Two models, four items: Empty answered, Default failed everywhere but one answer. */
    static List<ScoredAnswer> answers() {
        List<ScoredAnswer> out = new ArrayList<>();
        for (String model : List.of("a", "b")) {
            for (int item = 1; item <= 4; item++) {
                String id = "1+2+" + item + "=";
                out.add(new ScoredAnswer("toy", id, "empty", model, Optional.empty(), "7", Outcome.of(item % 2 == 0)));
                boolean parsed = model.equals("a") && item == 1;
                out.add(new ScoredAnswer("toy", id, "default", model, Optional.empty(), parsed ? "4" : NAME_ERROR,
                        parsed ? Outcome.of(true) : new Outcome.Failed(item == 4 ? "ZeroDivisionError" : NAME_ERROR)));
            }
        }
        return out;
    }

    @Test
    void parsingCountsAndTheCommonestFailure() {
        AnswerParsing p = AnswerParsing.of(answers().stream().filter(a -> a.condition().equals("default")).toList());
        assertEquals(new AnswerParsing(1, 8, Optional.of(NAME_ERROR), 5), p);
        assertTrue(p.mostlyUnparsed());
        assertEquals("answers parsed 1/8; commonest failure (5x): \"" + NAME_ERROR + "\"", p.describe());
        assertFalse(AnswerParsing.of(answers().stream().filter(a -> a.condition().equals("empty")).toList())
                .mostlyUnparsed());
    }

    @Test
    void theRunsSummaryTableGivesTheReasonAndFlagsTheSetting() {
        var benchmark = BenchmarkCatalog.TOY.create(ItemSelection.of("all"), BenchmarkCatalog.Scoring.of(Quirks.fixed()));
        List<SettingSummary> settings = Summaries.of(answers(), benchmark, Quirks.fixed(), List.of());
        RunResult r = new RunResult(Path.of("run"), "toy", List.of("a", "b"), Quirks.fixed(), Path.of("run/answers.jsonl"),
                List.of(), settings, List.of(), List.of(), 0, 0, 0, 0);
        String table = SummaryTable.render(r);
        String row = table.lines().filter(l -> l.startsWith("default ")).findFirst().orElseThrow();
        assertTrue(row.contains(" 1/8 ") && row.contains("n/a ± n/a") && row.endsWith("! mostly unparsed"), row);
        String empty = table.lines().filter(l -> l.startsWith("empty ")).findFirst().orElseThrow();
        assertTrue(empty.contains(" 8/8 ") && !empty.contains("!"), empty);
        assertTrue(table.contains("\n  default: answers parsed 1/8; commonest failure (5x): \"" + NAME_ERROR + "\"\n"),
                table);
        assertFalse(table.contains("  empty: "), "a whole setting needs no note: " + table);
    }

    @Test
    void theReportFlagsTheSettingAndSaysWhy() {
        List<BenchmarkReport> reports = BenchmarkReports.build(answers(), Quirks.fixed(), new BootstrapSpec(50, 1),
                key -> "xcot score", List.of());
        BenchmarkReport b = reports.getFirst();
        ReportSetting flagged = b.settings().stream().filter(s -> s.condition().equals("default")).findFirst()
                .orElseThrow();
        assertEquals("default !", SettingsTables.cells(b, flagged).getFirst());
        assertEquals(List.of("default: answers parsed 1/8; commonest failure (5x): \"" + NAME_ERROR + "\""),
                SettingsTables.parsingNotes(b));
    }
}
