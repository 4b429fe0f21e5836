package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.runs.RunTesting;

/**
 * A run killed with SIGKILL at seeded random points, three times, then resumed, ends with exactly the records of an
 * uninterrupted run: the exports are compared byte for byte. The killed run is a child JVM running {@code xcot run};
 * kill points are chosen by how many attempts the child has stored (read from its SQLite store while it runs), plus a
 * random delay so that kills also land in the middle of a generation or a write.
 */
class KillResumeTest {
    static final String CONFIG = "name: kill\nbenchmark: {name: medcalc, limit: 2}\n" + RunTesting.TWO_MODELS
            + "conditions: [empty, default, sampled, transfer]\nbudgets: {cot: 64, answer: 12, inserted: 16}\n";
    /** 2 models x 2 items x 3 own conditions + 2 targets x 2 items x (4 transfers + 2 self-insertions). */
    static final int ATTEMPTS = 36;

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesAndResumedEqualsAnUninterruptedRun() throws Exception {
        Path config = dir.resolve("kill.yaml");
        Files.writeString(config, CONFIG);
        Path reference = dir.resolve("uninterrupted");
        ScoreCommandTest.Run straight = ScoreCommandTest.run("run", config.toString(), "--out", reference.toString());
        assertEquals(0, straight.exitCode(), straight.err());

        Path killed = dir.resolve("killed");
        Random random = new Random(20260118);
        int kills = 0;
        int previous = 0;
        // Three windows over the run, so the kills fall in different phases (own CoTs, transfers).
        int[][] windows = {{2, 10}, {14, 22}, {26, 33}};
        for (int[] window : windows) {
            int threshold = Math.max(previous + 1, window[0] + random.nextInt(window[1] - window[0]));
            Process child = start(config, killed);
            try {
                waitForAttempts(killed, threshold, child);
                Thread.sleep(random.nextInt(400));
                assertTrue(child.isAlive(), "the child finished before kill " + (kills + 1));
                child.destroyForcibly(); // SIGKILL on Linux
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
                assertNotEquals(0, child.exitValue());
                kills++;
            } finally {
                child.destroyForcibly();
            }
            previous = attempts(killed);
            assertTrue(previous < ATTEMPTS, "killed at " + previous + " of " + ATTEMPTS);
        }
        assertEquals(3, kills);

        Process resume = start(config, killed);
        assertTrue(resume.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, resume.exitValue(), new String(resume.getErrorStream().readAllBytes()));
        assertEquals(ATTEMPTS, attempts(killed));

        assertSameBytes(reference.resolve("answers.jsonl"), killed.resolve("answers.jsonl"));
        List<Path> genex = files(reference.resolve("genex-medcalc"));
        assertEquals(files(killed.resolve("genex-medcalc")).stream().map(p -> p.getFileName().toString()).toList(),
                genex.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : genex) {
            assertSameBytes(p, killed.resolve("genex-medcalc").resolve(p.getFileName()));
        }
    }

    private static Process start(Path config, Path out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                config.toString(), "--out", out.toString()));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(out.resolveSibling(out.getFileName() + ".err").toFile()).start();
    }

    private static void waitForAttempts(Path run, int threshold, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (attempts(run) < threshold) {
            assertTrue(child.isAlive(), "the child exited with " + (child.isAlive() ? "" : child.exitValue())
                    + " before " + threshold + " attempts");
            assertTrue(System.nanoTime() < deadline, "no progress");
            Thread.sleep(20);
        }
    }

    /** Attempts stored so far, read through SQLite while the child may be writing (WAL allows it). */
    private static int attempts(Path run) throws Exception {
        File db = run.resolve("store.sqlite").toFile();
        if (!db.exists()) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM attempts")) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (java.sql.SQLException e) {
            return 0; // the schema is not there yet
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    private static void assertSameBytes(Path expected, Path actual) throws Exception {
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(actual), actual + " differs from " + expected);
    }
}
