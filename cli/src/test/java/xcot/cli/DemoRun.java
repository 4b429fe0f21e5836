package xcot.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import xcot.io.Utf8Lines;
import xcot.runs.RunTesting;
import xcot.runs.Runner;
import xcot.runs.config.ConfigReader;

/**
 * The toy part of {@code xcot demo} (the embedded {@code demo-toy.yaml}: five zoo models, 123 items, every
 * condition), run once through the pipeline into a temporary folder and shared by the tests that need a real run
 * (about a minute on two cores). Deleted when the test JVM exits.
 */
final class DemoRun {
    private static Path run;

    private DemoRun() {}

    static synchronized Path toy() {
        if (run == null) {
            try {
                Path dir = Files.createTempDirectory("xcot-demo-run-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                String yaml = new String(Utf8Lines.readResource("/xcot/cli/demo-toy.yaml"), StandardCharsets.UTF_8);
                var config = ConfigReader.parse(yaml, "demo-toy.yaml (embedded)", Path.of("."), "demo-toy");
                var result = Runner.run(config, dir.resolve("toy-zoo"), RunTesting.options(new StringWriter(), dir.resolve("cache")));
                // What xcot demo prints and saves as summary.txt.
                RunReport.print(result, new java.io.PrintWriter(new StringWriter()));
                run = dir.resolve("toy-zoo");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return run;
    }

    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort at exit: the folder is under the temporary directory.
        }
    }
}
