package xcot.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The committed bindings are exactly what {@code native/regen-bindings.sh} generates from the pinned headers and
 * {@code native/bindgen/bindings.conf}: regenerates them into a temporary directory and fails on any difference.
 */
class BindingsUpToDateTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @Test
    void committedBindingsAreWhatTheGeneratorWrites() throws Exception {
        Assumptions.assumeTrue(onPath("clang"),
                "clang is not on PATH, so the bindings cannot be regenerated (Debian: apt-get install clang)");
        ProcessBuilder builder = new ProcessBuilder("bash", MODULE.resolve("regen-bindings.sh").toString(), "--check")
                .directory(MODULE.toFile())
                .redirectErrorStream(true);
        // The generator runs on the JDK running this test, whatever JAVA_HOME the shell had.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "regen-bindings.sh --check did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("up to date"), output);
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
