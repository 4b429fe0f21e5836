package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.formats.LargeAnswerFiles;
import xcot.formats.XcotJsonl;
import xcot.io.GzipBombs;

/**
 * {@code xcot score} on large input (issue 12), each case with generated input in a temporary folder and bounded in
 * time. The memory cases run in a child JVM with a small heap, as a user's would be: before streaming, the whole
 * file was held (bytes, lines, JSON trees), so an input of 46 MB needed several times that.
 */
class ScoreLargeInputTest {
    @TempDir
    Path dir;

    record Child(int exit, String out, List<String> err) {}

    private static List<String> javaCommand(String... jvmOptions) {
        List<String> command = new ArrayList<>();
        if (defaultSignalWorks()) {
            // A test run started in the background inherits SIGINT ignored, and the JVM keeps it so; reset it.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return command;
    }

    private static boolean defaultSignalWorks() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Child run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        String err = read(p.getErrorStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child finished");
        return new Child(p.exitValue(), out.get(), stderrLines(err));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> stderrLines(String err) {
        return err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    }

    private static List<String> with(List<String> command, String... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return all;
    }

    /**
     * 46 MB of answers whose thinking, output and inserted CoT hold 10,000 characters each, scored in a JVM with a
     * 32 MiB heap: what scoring keeps is 1,800 answers, so it fits. Before, reading the file alone took more than
     * the heap (an OutOfMemoryError's trace). The scores equal those of the same answers without their texts.
     */
    @Test
    void memoryIsBoundedByTheAnswersNotByTheFileSize() throws Exception {
        Path big = dir.resolve("big.jsonl");
        long bytes = LargeAnswerFiles.write(big, new LargeAnswerFiles.Shape(100, 3, 10_000, 1));
        assertTrue(bytes > 40_000_000, "the input is larger than the heap: " + bytes);
        Path small = dir.resolve("small.jsonl");
        Files.write(small, XcotJsonl.read(big).orThrow().stream().map(XcotJsonl::line).toList());
        String[] args = {"score", "--bootstrap", "200", "--condition", "transfer-full", "--source", "org/model-1"};

        Child child = run(with(javaCommand("-Xmx32m"), with(List.of(args), big.toString()).toArray(String[]::new)));
        assertEquals(0, child.exit(), child.err().toString());
        ScoreCommandTest.Run reference = ScoreCommandTest.run(with(List.of(args), small.toString())
                .toArray(String[]::new));
        assertEquals(0, reference.exitCode(), reference.err());
        assertEquals(reference.out(), child.out());
        assertEquals(List.of(), child.err());
    }

    /**
     * When the answers themselves outgrow the heap (112,000 of them in 12 MiB), the error is one line saying what
     * ran out and what to do; before, a 21-line OutOfMemoryError trace.
     */
    @Test
    void runningOutOfMemoryIsOneLineWithWhatToDo() throws Exception {
        Path file = dir.resolve("many.jsonl");
        LargeAnswerFiles.write(file, new LargeAnswerFiles.Shape(4000, 4, 0, 2));
        Child child = run(with(javaCommand("-Xmx12m"), "score", "--bootstrap", "10", file.toString()));
        assertEquals(1, child.exit(), child.err().toString());
        assertEquals(1, child.err().size(), child.err().toString());
        String line = child.err().getFirst();
        assertTrue(line.startsWith("xcot: out of memory while "), line);
        assertTrue(line.contains("XCOT_JAVA_OPTS=-Xmx"), line);
        assertEquals("", child.out());
    }

    /**
     * A bootstrap of 3.1e11 table cells is announced before it starts, and Ctrl-C (SIGINT) then stops it with one
     * line and the shell's exit code for it; stdout stays empty. Before, the bootstrap ran silent.
     */
    @Test
    void aLongBootstrapIsAnnouncedAndCtrlCStopsItWithOneLine() throws Exception {
        Path file = dir.resolve("answers.jsonl");
        LargeAnswerFiles.write(file, new LargeAnswerFiles.Shape(300, 3, 0, 3));
        Process p = new ProcessBuilder(with(javaCommand(), "score", "--json", "--bootstrap", "10000000",
                file.toString())).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> new BufferedReader(new InputStreamReader(p.getErrorStream(),
                StandardCharsets.UTF_8)).lines().forEach(stderr::add));
        List<String> err = new ArrayList<>();
        try {
            String line;
            do {
                line = stderr.poll(60, TimeUnit.SECONDS);
                if (line != null) {
                    err.add(line);
                }
            } while (line != null && !line.startsWith("xcot: bootstrap:"));
            assertTrue(line != null, "the bootstrap is announced within a minute; stderr: " + err);
            assertTrue(line.contains("10,000,000 resamples x 6 settings x up to 300 items"), line);
            assertTrue(line.contains("Ctrl-C stops"), line);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "SIGINT stops the score");
            out.get(10, TimeUnit.SECONDS);
            reader.join(Duration.ofSeconds(10)); // stderr's end: every line is in the queue
            stderr.drainTo(err);
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = stderrLines(String.join("\n", err));
        assertEquals(130, p.exitValue(), lines.toString());
        assertEquals("xcot: interrupted while bootstrapping; no scores printed", lines.getLast());
        assertFalse(lines.stream().anyMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), lines.toString());
        assertEquals("", out.get());
    }

    /** Issue 12: a 10 MB gzip bomb ended in an OutOfMemoryError trace that named no file. */
    @Test
    void aGzipBombIsOneLineNamingTheFile() throws Exception {
        Path bomb = GzipBombs.tenGiB(dir, "bomb.jsonl.gz");
        ScoreCommandTest.Run run = ScoreCommandTest.run("score", bomb.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("xcot: " + bomb + ": expands more than 200 times"), run.err());
        assertTrue(run.err().contains("gzip bomb"), run.err());
    }
}
