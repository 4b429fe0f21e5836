package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xcot run} with the Ensemble condition, the engine found by the CLI through the service registration:
 * the table has both ensemble settings, the report each generator's chunk share, and {@code xcot score} reproduces
 * the ensemble setting from the export.
 */
class EnsembleRunCommandTest {
    static final String CONFIG = """
            name: ensemble
            benchmark: {name: medcalc, limit: 2}
            models:
              - {name: tiny-a, fixture: {seed: 1}, context: 2048, threads: 1, grammar: demo-medcalc-json}
              - {name: tiny-b, fixture: {seed: 2}, context: 2048, threads: 1, grammar: demo-medcalc-json}
              - {name: tiny-c, fixture: {seed: 3}, context: 2048, threads: 1, grammar: demo-medcalc-json}
            conditions: [ensemble]
            ensemble: [{generators: [tiny-a, tiny-b], evaluators: [tiny-c]}]
            budgets: {cot: 32, answer: 12, inserted: 16}
            """;

    @TempDir
    Path dir;

    @Test
    void ensembleRunsPrintsChunkSharesAndScoresFromTheExport() throws Exception {
        Path config = dir.resolve("ensemble.yaml");
        Files.writeString(config, CONFIG);
        Path out = dir.resolve("run");
        ScoreCommandTest.Run run = ScoreCommandTest.run("run", config.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nensemble <- tiny-a+tiny-b / tiny-c "), run.out());
        assertTrue(run.out().contains("\nensemble-without-answer <- tiny-a+tiny-b / tiny-c "), run.out());
        assertTrue(run.out().contains("\nensemble tiny-a+tiny-b / tiny-c: chunks tiny-a "), run.out());
        assertTrue(run.out().contains(" over 2 items; stops LENGTH_CAP 2\n"), run.out());

        ScoreCommandTest.Run score = ScoreCommandTest.run("score", "--condition", "ensemble", "--source",
                "tiny-a+tiny-b / tiny-c", out.resolve("answers.jsonl").toString());
        assertEquals(0, score.exitCode(), score.err());
        String row = run.out().lines().filter(l -> l.startsWith("ensemble <- ")).findFirst().orElseThrow();
        // The row: setting, items, parsed (answers parsed / total), consistency, ...
        String consistency = row.replaceFirst("^ensemble <- tiny-a\\+tiny-b / tiny-c\\s+\\d+\\s+\\d+/\\d+\\s+", "")
                .replaceFirst("\\s{2,}.*", "");
        assertTrue(score.out().contains(consistency), consistency + " in\n" + score.out());
    }
}
