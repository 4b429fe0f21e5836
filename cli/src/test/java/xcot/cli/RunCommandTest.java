package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.metrics.SettingReport;
import xcot.reports.SummaryTable;
import xcot.runs.RunResult;
import xcot.runs.RunTesting;
import xcot.runs.Runner;
import xcot.runs.export.RunFiles;
import xcot.runs.export.SettingSummary;

/** {@code xcot run} end to end, and {@code xcot score} on its export reproducing the run's summary exactly. */
class RunCommandTest {
    static final String CONFIG = "name: small\nbenchmark: {name: medcalc, limit: 2}\n" + RunTesting.TWO_MODELS
            + "conditions: [empty, default, sampled, transfer]\nbudgets: {cot: 64, answer: 12, inserted: 16}\n"
            + "cache: cache\n";

    @TempDir
    static Path dir;
    static Path config;
    static RunResult result;

    @BeforeAll
    static void runOnce() throws Exception {
        config = dir.resolve("small.yaml");
        Files.writeString(config, CONFIG);
        result = Runner.run(RunTesting.config(CONFIG, dir), dir.resolve("run"), RunTesting.options(new StringWriter(), dir.resolve("cache")));
    }

    @Test
    void scoreOnTheExportReproducesEverySettingOfTheSummary() throws Exception {
        assertEquals(9, result.settings().size());
        for (SettingSummary s : result.settings()) {
            List<String> args = new ArrayList<>(List.of("score", "--json"));
            args.addAll(SummaryTable.scoreArguments(result, s, List.of()));
            args.add(result.answers().toString());
            ScoreCommandTest.Run run = ScoreCommandTest.run(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), s.label() + ": " + run.err());
            assertSameNumbers(s.label(), s.report(), run.json());
        }
    }

    @Test
    void scoreOnTheReferenceFormatExportAgreesToo() throws Exception {
        SettingSummary own = result.settings().stream().filter(s -> s.condition().equals("default")).findFirst()
                .orElseThrow();
        Path genex = result.runDir().resolve(RunFiles.GENEX_DIR);
        ScoreCommandTest.Run run = ScoreCommandTest.run("score", "--json", "--format", "genex-medcalc",
                genex.resolve("tiny-a_zero_shot_original.jsonl").toString(),
                genex.resolve("tiny-b_zero_shot_original.jsonl").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertSameNumbers("default (genex files)", own.report(), run.json());
    }

    static void assertSameNumbers(String label, SettingReport expected, JsonNode actual) {
        assertEquals(number(expected.consistency().mean()), actual.get("consistency").get("mean"), label);
        assertEquals(number(expected.consistency().std()), actual.get("consistency").get("std"), label);
        assertEquals(number(expected.consistency().ci95().low()), actual.get("consistency").get("ci95").get(0), label);
        assertEquals(number(expected.accuracyMean().mean()), actual.get("accuracy").get("mean"), label);
        assertEquals(number(expected.breakdown().inconsistent().mean()), actual.get("breakdown").get("inconsistent"),
                label);
        for (int i = 0; i < expected.pairs().size(); i++) {
            assertEquals(expected.pairs().get(i).counted(), actual.get("pairs").get(i).get("counted").intValue(), label);
        }
    }

    private static JsonNode number(double x) {
        return Double.isNaN(x) ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : com.fasterxml.jackson.databind.node.DoubleNode.valueOf(x);
    }

    @Test
    void runCommandRerunsFromTheStoreAndPrintsTheTable() throws Exception {
        ScoreCommandTest.Run run = ScoreCommandTest.run("run", config.toString(), "--out",
                result.runDir().toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("benchmark medcalc, 2 models (tiny-a, tiny-b), mode fixed (default)\n"),
                run.out());
        for (SettingSummary s : result.settings()) {
            assertTrue(run.out().contains("\n" + s.label() + " "), s.label());
        }
        assertTrue(run.out().contains("work       0 computed,"), run.out());
        assertTrue(Files.readString(result.runDir().resolve(RunReport.SUMMARY))
                .contains("xcot score --condition transfer-full --source tiny-a " + result.answers()));
    }

    @Test
    void badConfigsAreOneLineBeforeAnythingRuns() throws Exception {
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "benchmark: medcalc\nmodels: [{name: a, fixture: {seed: 1}}]\nseed: 4\n");
        assertOneLine(ScoreCommandTest.run("run", unknown.toString(), "--out", dir.resolve("u").toString()),
                "xcot: " + unknown + ":3: unknown key 'seed' (known: ");
        Path missing = dir.resolve("missing.yaml");
        Files.writeString(missing, "benchmark: medcalc\nmodels:\n  - {name: a, path: qwq-32b.gguf}\n");
        assertOneLine(ScoreCommandTest.run("run", missing.toString(), "--out", dir.resolve("m").toString()),
                "xcot: " + missing + ":3: 'models[0].path' names a model file that does not exist: "
                        + dir.resolve("qwq-32b.gguf"));
        Path small = dir.resolve("small-context.yaml");
        Files.writeString(small, "benchmark: {name: medcalc, items: [\"32\"]}\nmodels:\n"
                + "  - {name: a, fixture: {seed: 1, context-length: 2048}, context: 256, threads: 1}\n");
        assertOneLine(ScoreCommandTest.run("run", small.toString(), "--out", dir.resolve("s").toString()),
                "xcot: " + small + ":3: model 'a': context 256 is too small: the longest medcalc prompt (item 32) is ");
    }

    private static void assertOneLine(ScoreCommandTest.Run run, String prefix) {
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith(prefix), run.err());
    }
}
