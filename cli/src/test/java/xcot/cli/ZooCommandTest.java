package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.zoo.ZooConfig;

class ZooCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBadTrainingConfigIsOneLineAndTrainsNothing() throws Exception {
        String yaml;
        try (var in = ZooConfig.class.getResourceAsStream(ZooConfig.RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, yaml.replace("loading: READ", "loading: MMAP"));
        Path out = dir.resolve("out");
        ScoreCommandTest.Run run = ScoreCommandTest.run("zoo", "train", "--all", "--config", bad.toString(), "--out",
                out.toString());
        assertEquals(1, run.exitCode());
        assertEquals("xcot: " + bad + ": loading must be READ, not MMAP: the optimizer writes the weights in place and"
                + " crashes on a read-only memory map", run.err().strip());
        assertTrue(!Files.exists(out), "nothing written");

        Files.writeString(bad, yaml.replace("  threads: 2", "  threads: 2\n  treads: 3"));
        run = ScoreCommandTest.run("zoo", "train", "--model", "plain-a", "--config", bad.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().strip().matches("xcot: .*bad\\.yaml:\\d+: unknown key 'treads'"), run.err());
    }

    @Test
    void trainNeedsModelOrAll() {
        ScoreCommandTest.Run run = ScoreCommandTest.run("zoo", "train");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--model") && run.err().contains("--all"), run.err());
        assertEquals(1, ScoreCommandTest.run("zoo", "train", "--model", "nope", "--out", dir.toString()).exitCode());
    }

    @Test
    void evalPrintsTheTables() {
        ScoreCommandTest.Run run = ScoreCommandTest.run("zoo", "eval", "--model", "plain-a", "--model", "weak-e",
                "--no-corruptions");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Held-out accuracy (123 problems, greedy)"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("plain-a +\\d\\.\\d{3} +\\d\\.\\d{3} +\\d\\.\\d{3}")), run.out());
        assertTrue(run.out().contains("Follow: share of answers equal to the conclusion of the chain read"));
        assertTrue(!run.out().contains("Corrupted chains"));
    }

    @Test
    void listShowsTheCommittedModels() {
        ScoreCommandTest.Run run = ScoreCommandTest.run("zoo", "list");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(5, run.out().lines().count(), run.out());
        assertTrue(run.out().lines().allMatch(l -> l.trim().endsWith(".gguf")), run.out());
    }
}
