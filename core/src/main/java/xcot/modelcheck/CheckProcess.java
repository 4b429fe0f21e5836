package xcot.modelcheck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@link ModelCheckChild} JVM, started with this JVM's class path and the options native code needs. Its stderr
 * goes to a file, read back when it dies to say why (the line of a failed {@code GGML_ASSERT}, an uncaught C++
 * exception, a signal). Not thread-safe; close it to end the child.
 */
final class CheckProcess implements AutoCloseable {
    /** How one request ended: a report from the child, a dead child, or no answer in time. */
    record Outcome(boolean passed, String reason, boolean crashed, boolean timedOut, long millis) {}

    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Writer requests;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;
    private final Path workDir;

    private CheckProcess(Process process, Path stderr, Path workDir) {
        this.process = process;
        this.stderr = stderr;
        this.workDir = workDir;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "model-check-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} ({@link ModelCheckChild}, or a test's stand-in speaking its protocol). */
    static CheckProcess start(String mainClass) {
        try {
            Path workDir = Files.createTempDirectory("xcot-model-check");
            Path stderr = workDir.resolve("stderr.log");
            ProcessBuilder builder = new ProcessBuilder(command(workDir, mainClass))
                    .directory(workDir.toFile())
                    .redirectError(stderr.toFile());
            // ggml prints a backtrace on abort, through gdb when it is installed: seconds per crash, for nothing.
            builder.environment().put("GGML_NO_BACKTRACE", "1");
            return new CheckProcess(builder.start(), stderr, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the model-check process: " + e.getMessage(), e);
        }
    }

    /** {@code java} with this JVM's class path, native access, and the {@code xcot.*} system properties. */
    static List<String> command(Path workDir, String mainClass) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> c = new ArrayList<>(List.of(java, "-Xss4m", "-Xmx1g", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + workDir.resolve("hs_err_pid%p.log"), "--enable-native-access=ALL-UNNAMED"));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            c.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("xcot.") && !name.equals(ModelCheck.IN_PROCESS_PROPERTY)) {
                c.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        return c;
    }

    /** Probes {@code model} in the child; a dead child or a timeout is an outcome too, never an exception. */
    Outcome check(Path model, boolean deep, Duration timeout) {
        long start = System.nanoTime();
        try {
            requests.write((deep ? "1 " : "0 ") + model + "\n");
            requests.flush();
        } catch (IOException e) {
            return died(start);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    process.destroyForcibly();
                    return new Outcome(false, "the check did not finish within " + timeout.toSeconds() + " s ("
                            + ModelCheck.TIMEOUT_PROPERTY + " raises the limit)", false, true, millisSince(start));
                }
                if (line.equals(EOF)) {
                    return died(start);
                }
                if (line.startsWith(ModelCheckChild.PREFIX + "ok ")) {
                    return new Outcome(true, "", false, false, millisSince(start));
                }
                if (line.startsWith(ModelCheckChild.PREFIX + "failed ")) {
                    String rest = line.substring((ModelCheckChild.PREFIX + "failed ").length());
                    return new Outcome(false, rest.substring(rest.indexOf(' ') + 1), false, false,
                            millisSince(start));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Outcome(false, "the check was interrupted", false, true, millisSince(start));
        }
    }

    private Outcome died(long start) {
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        return new Outcome(false, CrashReport.describe(exit, tail(stderr), jvmErrorFile()), true, false,
                millisSince(start));
    }

    /** The JVM's fatal error report, if it wrote one (see {@code -XX:ErrorFile} in {@link #command}). */
    private List<String> jvmErrorFile() {
        try (var files = Files.list(workDir)) {
            Path report = files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).findFirst()
                    .orElse(null);
            if (report == null) {
                return List.of();
            }
            List<String> all = Files.readAllLines(report, StandardCharsets.ISO_8859_1);
            List<String> head = List.copyOf(all.subList(0, Math.min(40, all.size())));
            Files.delete(report); // the next child's report must not be mistaken for this one's
            return head;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> tail(Path file) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return all.subList(Math.max(0, all.size() - 200), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child died or was killed: EOF below tells the waiting check
        }
        lines.add(EOF);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // the child is gone already
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.list(workDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
