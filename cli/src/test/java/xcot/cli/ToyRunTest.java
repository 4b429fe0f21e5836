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
import xcot.metrics.ModelRate;
import xcot.reports.SummaryTable;
import xcot.runs.RunResult;
import xcot.runs.RunTesting;
import xcot.runs.Runner;
import xcot.runs.export.SettingSummary;

/**
 * The experiment pipeline on the committed toy zoo (trained models): the paper's effects must show in the run's own
 * summary, not only in the zoo's evaluator, and {@code xcot score} on the export must reproduce that summary. The
 * second summary leaves out words-c (which cannot read symbolic chains) and weak-e, so it is over the three models
 * that read each other: plain-a, swap-b, mix-d.
 */
class ToyRunTest {
    static final String CONFIG = """
            name: toy-effects
            benchmark: {name: toy, limit: 20}
            models:
              - {name: plain-a, zoo: plain-a, context: 256, threads: 1}
              - {name: swap-b, zoo: swap-b, context: 256, threads: 1}
              - {name: words-c, zoo: words-c, context: 256, threads: 1}
              - {name: mix-d, zoo: mix-d, context: 256, threads: 1}
              - {name: weak-e, zoo: weak-e, context: 256, threads: 1}
            conditions: [empty, default, transfer, corrupted]
            without-answer: false
            summary-without: [words-c, weak-e]
            """;
    static final List<String> READERS = List.of("plain-a", "swap-b", "mix-d");

    @TempDir
    static Path dir;
    static RunResult result;

    @BeforeAll
    static void runOnce() {
        result = Runner.run(RunTesting.config(CONFIG, dir), dir.resolve("run"), RunTesting.options(new StringWriter()));
    }

    static SettingSummary readers(String label) {
        return result.settingsWithout().stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no setting " + label + " in "
                        + result.settingsWithout().stream().map(SettingSummary::label).toList()));
    }

    static double accuracyOf(SettingSummary s, String model) {
        return s.report().accuracy().stream().filter(r -> r.model().equals(model)).mapToDouble(ModelRate::rate)
                .findFirst().orElseThrow();
    }

    @Test
    void theModelsNeedTheirChainOfThought() {
        for (String model : READERS) {
            double empty = accuracyOf(readers("empty"), model);
            double own = accuracyOf(readers("default"), model);
            assertTrue(own >= 0.85 && empty <= own - 0.5, model + ": default " + own + ", empty " + empty);
        }
    }

    @Test
    void aGoodChainMakesTheReadersAgreeAndBeRight() {
        SettingSummary s = readers("transfer-full <- plain-a");
        assertTrue(s.report().consistency().mean() >= 0.8, s.label() + " " + s.report().consistency());
        assertTrue(s.report().accuracyMean().mean() >= 0.8, s.label() + " " + s.report().accuracyMean());
    }

    @Test
    void aWeakReasonersChainMakesThemConsistentButWrong() {
        SettingSummary s = readers("transfer-full <- weak-e");
        assertTrue(s.report().consistency().mean() >= 0.8, s.label() + " " + s.report().consistency());
        assertTrue(s.report().accuracyMean().mean() < 0.4, s.label() + " " + s.report().accuracyMean());
        assertTrue(s.report().breakdown().consistentWrong().mean() >= 0.5, s.label() + " " + s.report().breakdown());
    }

    @Test
    void corruptedChainsAreFollowedIntoWrongAnswers() {
        for (String kind : List.of("wrong-first-carried", "wrong-final-sum", "forced-wrong-first")) {
            SettingSummary s = readers(kind + " <- plain-a");
            assertTrue(s.report().consistency().mean() >= 0.8, s.label() + " " + s.report().consistency());
            assertTrue(s.report().accuracyMean().mean() <= 0.2, s.label() + " " + s.report().accuracyMean());
        }
    }

    @Test
    void theWordsModelHoldsTheConsistencyOfSymbolicTransfersDown() {
        SettingSummary all = result.settings().stream().filter(s -> s.label().equals("transfer-full <- plain-a"))
                .findFirst().orElseThrow();
        SettingSummary readers = readers("transfer-full <- plain-a");
        // words-c never saw a symbolic chain (the negative control): over all five models the pairs with it agree
        // less than the readers do among themselves.
        assertTrue(all.report().consistency().mean() < readers.report().consistency().mean() - 0.1,
                all.report().consistency() + " vs readers " + readers.report().consistency());
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
