package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.runs.RunTesting;
import xcot.runs.Runner;

/**
 * {@code xcot report} and {@code xcot compare} on a real run: the toy demo ({@link DemoRun}). The report is opened in
 * headless Chromium: a screenshot, every figure present and drawn (DOM check after layout, and the figure files'
 * pixel sizes), and no network request from the page (checked on Chromium's NetLog; a control page with a remote
 * image shows that the check catches one).
 */
class ReportCommandTest {
    @TempDir
    static Path dir;
    static Path run;
    static Path out;
    static ScoreCommandTest.Run report;

    @BeforeAll
    static void reportTheDemoRun() {
        run = DemoRun.toy();
        out = dir.resolve("report");
        report = ScoreCommandTest.run("report", run.toString(), "--out", out.toString(), "--bootstrap", "2000");
    }

    @Test
    void theReportHasEveryFile() throws IOException {
        assertEquals(0, report.exitCode(), report.err());
        for (String f : List.of("report.html", "results.json", "settings.csv", "settings.md", "settings.tex")) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        assertTrue(report.out().contains("figures/ (8 figures as SVG and PNG)"), report.out());
        // The run's own summary and the report agree (same scoring path): transfer from weak-e, consistent but wrong.
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode weak = Stream.of(results.path("benchmarks").get(0).path("settings")).flatMap(n -> {
            List<JsonNode> all = new java.util.ArrayList<>();
            n.forEach(all::add);
            return all.stream();
        }).filter(s -> s.path("label").asText().equals("transfer-full <- weak-e")).findFirst().orElseThrow();
        assertTrue(weak.path("consistency").path("mean").asDouble() > 0.5);
        assertTrue(weak.path("breakdown").path("consistentWrong").path("mean").asDouble() > 0.4);
        String summary = Files.readString(run.resolve(RunReport.SUMMARY));
        assertTrue(summary.contains(weak.path("scoreCommand").asText().replaceFirst("^\\S+ ", "")),
                "the report's command is the summary's: " + weak.path("scoreCommand").asText());
    }

    @Test
    void theFiguresAreDrawnAndTheyArePixels() throws IOException {
        try (Stream<Path> figures = Files.list(out.resolve("figures"))) {
            List<Path> pngs = figures.filter(p -> p.toString().endsWith(".png")).sorted().toList();
            assertEquals(8, pngs.size());
            for (Path png : pngs) {
                BufferedImage image = ImageIO.read(png.toFile());
                assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300, png + " " + image.getWidth());
                assertTrue(colours(image) > 20, png + ": nearly blank");
            }
        }
    }

    @Test
    void inChromiumEveryFigureIsShownAndThePageLoadsNothing() throws Exception {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium; .ci/run "
                + "installs it): the browser check of report.html is skipped");
        Path work = Files.createDirectories(dir.resolve("chromium"));
        Path html = out.resolve("report.html");

        // 1. A screenshot, with the NetLog of the page load.
        Path screenshot = work.resolve("report.png");
        Path netLog = work.resolve("report-netlog.json");
        Chromium.run(chromium.get(), work, html, List.of("--window-size=1280,2400", "--screenshot=" + screenshot,
                "--log-net-log=" + netLog));
        BufferedImage shot = ImageIO.read(screenshot.toFile());
        assertEquals(1280, shot.getWidth());
        assertEquals(2400, shot.getHeight());
        assertTrue(colours(shot) > 50, "the screenshot shows a rendered page");
        assertEquals(List.of(), Chromium.pageRequests(netLog), "requests made by report.html");
        Path kept = Path.of("target", "report-demo.png");
        Files.copy(screenshot, kept, StandardCopyOption.REPLACE_EXISTING);

        // 2. The check can fail: a page with a remote image is caught.
        Path control = Files.writeString(work.resolve("control.html"),
                "<html><body><img src=\"http://example.invalid/x.png\"></body></html>");
        Path controlLog = work.resolve("control-netlog.json");
        Chromium.run(chromium.get(), work, control, List.of("--window-size=400,300",
                "--screenshot=" + work.resolve("control.png"), "--log-net-log=" + controlLog));
        assertEquals(List.of("http://example.invalid/x.png"), Chromium.pageRequests(controlLog));

        // 3. After layout, every figure is an SVG with a size and drawn shapes.
        String script = "<script>var out=[];document.querySelectorAll('figure.chart').forEach(function(f){"
                + "var s=f.querySelector('svg');var r=s?s.getBoundingClientRect():{width:0,height:0};"
                + "out.push({id:f.id,width:Math.round(r.width),height:Math.round(r.height),shapes:s?"
                + "s.querySelectorAll('path,rect,line,text,polygon,polyline,circle,ellipse').length:0});});"
                + "var p=document.createElement('pre');p.id='xcot-figure-check';p.textContent=JSON.stringify(out);"
                + "document.body.appendChild(p);</script>";
        Path instrumented = Files.writeString(work.resolve("instrumented.html"),
                Files.readString(html).replace("</body>", script + "</body>"));
        String dom = Chromium.run(chromium.get(), work, instrumented, List.of("--window-size=1280,2400", "--dump-dom"));
        int start = dom.indexOf("<pre id=\"xcot-figure-check\">");
        assertTrue(start >= 0, "the check script ran");
        String json = dom.substring(start + "<pre id=\"xcot-figure-check\">".length(), dom.indexOf("</pre>", start))
                .replace("&quot;", "\"");
        JsonNode figures = new ObjectMapper().readTree(json);
        Set<String> ids = new HashSet<>();
        for (JsonNode f : figures) {
            ids.add(f.path("id").asText());
            assertTrue(f.path("width").asInt() > 200 && f.path("height").asInt() > 150, f.toString());
            assertTrue(f.path("shapes").asInt() > 20, f.toString());
        }
        Set<String> files = new HashSet<>();
        try (Stream<Path> list = Files.list(out.resolve("figures"))) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".svg"))
                    .forEach(n -> files.add(n.replace(".svg", "")));
        }
        assertEquals(files, ids, "every figure file is shown on the page");
        assertEquals(8, ids.size());
    }

    @Test
    void aRunComparedWithItselfDidNotChange() {
        ScoreCommandTest.Run same = ScoreCommandTest.run("compare", run.toString(), run.toString(), "--bootstrap",
                "500");
        assertEquals(0, same.exitCode(), same.err());
        var summary = java.util.regex.Pattern.compile(": 0 of (\\d+) settings changed significantly").matcher(same.out());
        assertTrue(summary.find(), same.out());
        assertTrue(Integer.parseInt(summary.group(1)) >= 30, same.out());
    }

    /**
     * A second toy run on 40 of the items in which one model differs: weak-e (under-trained, mostly wrong) is replaced
     * by words-c's weights under the same name (words-c itself is left out). Default changes (the new weak-e is mostly
     * right), and so does transfer from weak-e (its chains are now in words).
     */
    @Test
    void compareFindsTheSettingsTheChangedModelIsIn() throws Exception {
        Path variant = dir.resolve("variant");
        Runner.run(RunTesting.config("""
                name: toy-variant
                benchmark: {name: toy, limit: 40}
                models:
                  - {name: plain-a, zoo: plain-a, context: 256, threads: 1}
                  - {name: swap-b, zoo: swap-b, context: 256, threads: 1}
                  - {name: mix-d, zoo: mix-d, context: 256, threads: 1}
                  - {name: weak-e, zoo: words-c, context: 256, threads: 1}
                conditions: [empty, default, transfer]
                without-answer: false
                """, dir), variant, RunTesting.options(new StringWriter(), dir.resolve("cache")));
        Path compared = dir.resolve("compared");
        ScoreCommandTest.Run c = ScoreCommandTest.run("compare", run.toString(), variant.toString(), "--bootstrap",
                "1000", "--out", compared.toString());
        assertEquals(0, c.exitCode(), c.err());
        String changed = c.out().lines().filter(l -> l.startsWith("changed: ")).findFirst().orElse("");
        assertTrue(changed.contains("default (variant)"), c.out());
        assertTrue(changed.contains("transfer-full <- weak-e (variant)"), c.out());
        assertTrue(c.out().lines().anyMatch(l -> l.startsWith("transfer-full <- weak-e ") && l.contains(" 40 ")),
                "40 shared items: " + c.out());
        String html = Files.readString(compared.resolve("report.html"));
        assertTrue(html.contains("<section id=\"comparison\">"), "the HTML section");
        JsonNode json = new ObjectMapper().readTree(compared.resolve("results.json").toFile());
        assertTrue(json.path("comparison").path("settings").size() > 5);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws IOException {
        Path notARun = Files.createDirectories(dir.resolve("not-a-run"));
        Path target = dir.resolve("nothing-here");
        ScoreCommandTest.Run r = ScoreCommandTest.run("report", notARun.toString(), "--out", target.toString());
        assertEquals(1, r.exitCode());
        assertEquals("xcot: " + notARun + ": not a run folder (no answers.jsonl)\n", r.err());
        Path inProgress = Files.createDirectories(dir.resolve("in-progress"));
        Files.writeString(inProgress.resolve("store.sqlite"), "");
        r = ScoreCommandTest.run("report", inProgress.toString(), "--out", target.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("the run has not finished"), r.err());
        r = ScoreCommandTest.run("compare", run.toString(), inProgress.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(target), "nothing written");
    }

    static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
                if (seen.size() > 200) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }
}
