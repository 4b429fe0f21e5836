package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.reports.SummaryTable;
import xcot.runs.RunResult;
import xcot.runs.RunTesting;
import xcot.runs.Runner;
import xcot.runs.export.SettingSummary;
import xcot.zoo.ToyEffectsTest;

/**
 * {@code xcot score} on the export of a toy-zoo run reproduces both of the run's summaries, setting by setting (the
 * effects themselves are asserted in {@code xcot.zoo.ToyEffectsTest}).
 */
class ToyRunTest {
    static final String CONFIG = ToyEffectsTest.CONFIG;

    @TempDir
    static Path dir;
    static RunResult result;

    @BeforeAll
    static void runOnce() {
        result = Runner.run(RunTesting.config(CONFIG, dir), dir.resolve("run"), RunTesting.options(new StringWriter(), dir.resolve("cache")));
    }

    @Test
    void scoreOnTheExportReproducesBothSummaries() throws Exception {
        List<SettingSummary> all = new ArrayList<>(result.settings());
        all.addAll(result.settingsWithout());
        assertTrue(all.size() > 20, all.size() + " settings");
        for (SettingSummary s : all) {
            List<String> args = new ArrayList<>(List.of("score", "--json"));
            args.addAll(SummaryTable.scoreArguments(result, s,
                    result.settingsWithout().contains(s) ? result.without() : List.of()));
            args.add(result.answers().toString());
            ScoreCommandTest.Run run = ScoreCommandTest.run(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), s.label() + ": " + run.err());
            RunCommandTest.assertSameNumbers(s.label(), s.report(), run.json());
        }
    }
}
