package xcot.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xcot.metrics.BootstrapSpec;
import xcot.reports.write.ReportWriter;

/**
 * The CSV, Markdown, LaTeX and JSON of a fixed small run ({@link SmallRun}) equal the committed golden files
 * ({@code src/test/resources/xcot/reports/golden/}), with the run's folder written as {@code RUN}; results.json
 * validates against {@code docs/results-schema.json}. Regenerate the goldens after an intended change with
 * {@code -Dxcot.goldens.update=true} and read the diff.
 */
class ReportGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/xcot/reports/golden");
    static final Path SCHEMA = Path.of("../docs/results-schema.json");

    @TempDir
    static Path dir;
    static Map<String, byte[]> files;
    static Path run;

    @BeforeAll
    static void render() {
        run = SmallRun.write(dir.resolve("small-run"));
        Report report = Reports.ofRun(RunFolder.open(run), ScoringMode.FIXED, new BootstrapSpec(500, 7));
        files = ReportWriter.render(report, EnumSet.allOf(ReportFormat.class));
    }

    static String normalized(String name) {
        String text = new String(files.get(name), StandardCharsets.UTF_8);
        return text.replace(run.toAbsolutePath().normalize().toString(), "RUN")
                .replace(ScoreCommands.program() + " score", "xcot score");
    }

    @ParameterizedTest
    @ValueSource(strings = {"settings.csv", "settings.md", "settings.tex", "results.json"})
    void equalsTheGoldenFile(String name) throws IOException {
        String actual = normalized(name);
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("xcot.goldens.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name);
    }

    @Test
    void resultsValidateAgainstTheDocumentedSchema() throws IOException {
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
        var errors = schema.validate(normalized("results.json"), InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Object::toString).toList());
        // The schema is strict enough to catch drift: a field it does not know is an error.
        var drifted = schema.validate(normalized("results.json").replaceFirst("\"title\"", "\"heading\""),
                InputFormat.JSON);
        assertTrue(!drifted.isEmpty(), "a renamed field must not validate");
    }

    @Test
    void theNumbersAreTheHandCountedOnes() {
        // Transfer from a, full: items 0-4 right for all three models, item 5 wrong with the same answer "w5":
        // every pair agrees on every item, accuracy 5/6, and item 5 is consistent but wrong.
        String md = normalized("settings.md");
        assertTrue(md.contains("| transfer-full <- a | 1.000 ± 0.000 | [1.000, 1.000] | 0.833 | 0.833 | 0.167 | 0.000 |"),
                md);
        // Default: c is wrong on items 3-5 with its own answer: pairs with c agree on 3 of 6 items.
        assertTrue(md.contains("| default | 0.667 ± 0.236 |"), md);
    }

    @Test
    void everyFigureIsWrittenAsSvgAndPng() {
        List<String> figures = files.keySet().stream().filter(f -> f.startsWith("figures/")).sorted().toList();
        assertEquals(List.of("figures/breakdown-toy.png", "figures/breakdown-toy.svg",
                "figures/consistency-toy.png", "figures/consistency-toy.svg",
                "figures/ensemble-scores-toy.png", "figures/ensemble-scores-toy.svg",
                "figures/ensemble-shares-toy.png", "figures/ensemble-shares-toy.svg",
                "figures/transfer-accuracy-transfer-full-toy.png", "figures/transfer-accuracy-transfer-full-toy.svg",
                "figures/transfer-accuracy-transfer-without-answer-toy.png",
                "figures/transfer-accuracy-transfer-without-answer-toy.svg",
                "figures/transfer-consistency-transfer-full-toy.png",
                "figures/transfer-consistency-transfer-full-toy.svg",
                "figures/transfer-consistency-transfer-without-answer-toy.png",
                "figures/transfer-consistency-transfer-without-answer-toy.svg"), figures);
        for (String f : figures) {
            byte[] bytes = files.get(f);
            if (f.endsWith(".png")) {
                assertEquals((byte) 0x89, bytes[0], f);
                assertEquals('P', bytes[1], f);
            } else {
                assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("<svg"), f);
            }
        }
        String html = normalized("report.html");
        assertEquals(8, html.split("<figure ", -1).length - 1, "one inline figure per figure file pair");
        // The only URLs in the page are XML namespace names (xmlns="..."), which are never fetched.
        assertEquals("", html.replaceAll("xmlns(:\\w+)?=[\"'][^\"']*[\"']", "")
                .replaceAll("(?s).*?(https?://\\S*)|.+", "$1"), "no other URL in the page");
    }
}
