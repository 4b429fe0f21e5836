package xcot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launcher ({@code ./xcot} in the project root) as a user would, on the test's own classes
 * ({@code XCOT_CLASSPATH}: no build inside the build), with stdout and stderr captured apart.
 */
final class Launcher {
    static final Path SCRIPT = Path.of("..", "xcot").toAbsolutePath().normalize();

    /** What a command printed and returned, and how long it took. */
    record Result(int exitCode, String out, String err, long wallMillis) {
        String both() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private Launcher() {}

    static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("xcot-launcher-", ".out");
        Path err = Files.createTempFile("xcot-launcher-", ".err");
        try {
            ProcessBuilder b = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            b.environment().put("XCOT_CLASSPATH", System.getProperty("java.class.path"));
            b.environment().putAll(env);
            long start = System.nanoTime();
            Process p = b.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("xcot " + String.join(" ", args) + " did not finish in 10 minutes");
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), millis);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
