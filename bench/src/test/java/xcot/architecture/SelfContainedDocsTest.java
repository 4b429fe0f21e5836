package xcot.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone of the project is all a reader has: no source file, doc or script may send them to a document outside the
 * repository (the reference spec and notes the project was built from live elsewhere; their facts are in docs/), and
 * every {@code docs/*.md} a file names must exist.
 */
class SelfContainedDocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Names of the outside documents, split so that this file does not match itself. */
    private static final Pattern OUTSIDE = Pattern.compile(String.join("|", "PAPER" + "-SPEC", "TOY" + "-ZOO",
            "GGUF" + "-FIXTURES", "PERF" + "-ANCHORS", Pattern.quote(".." + "/shared")));
    private static final Pattern DOCS_PAGE = Pattern.compile("docs/([A-Za-z0-9_-]+\\.md)");
    private static final List<String> TEXT = List.of(".java", ".md", ".sh", ".yaml", ".yml", ".xml", ".txt", ".conf",
            ".py", ".sql");

    @Test
    void noFileNamesADocumentTheRepositoryDoesNotContain() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : projectFiles()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String where = ROOT.relativize(file) + ":" + (i + 1);
                if (OUTSIDE.matcher(lines.get(i)).find()) {
                    found.add(where + ": " + lines.get(i).strip());
                }
                Matcher m = DOCS_PAGE.matcher(lines.get(i));
                while (m.find()) {
                    if (!Files.isRegularFile(ROOT.resolve("docs").resolve(m.group(1)))) {
                        found.add(where + ": names docs/" + m.group(1) + ", which does not exist");
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /** The tracked kinds of text under the project's folders (build outputs and the llama.cpp checkout left out). */
    private static List<Path> projectFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String top : List.of("README.md", "docs", "native", "core", "cli", "bench", ".ci", "xcot", "pom.xml")) {
            Path start = ROOT.resolve(top);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(start)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !ROOT.relativize(p).toString().matches(".*(/target/|/llama\\.cpp/|/\\.cache/).*"))
                        .filter(p -> p.getFileName().toString().equals("xcot")
                                || TEXT.stream().anyMatch(p.getFileName().toString()::endsWith))
                        .forEach(files::add);
            }
        }
        return files;
    }
}
