package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import xcot.formats.GenexFixtures;
import xcot.formats.GenexMedCalcFiles;
import xcot.formats.XcotJsonl;
import xcot.metrics.ScoredAnswer;

class ScoreCommandTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run run(String... args) {
        CommandLine cli = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private List<String> args(String setting, String... options) {
        List<String> args = new ArrayList<>(List.of("score", "--format", "genex-medcalc", "--bootstrap", "300"));
        args.addAll(List.of(options));
        GenexFixtures.copyTo(dir, GenexFixtures.settingFiles(setting)).forEach(p -> args.add(p.toString()));
        return args;
    }

    static List<String> settings() {
        return GenexFixtures.SETTINGS;
    }

    @ParameterizedTest
    @MethodSource("settings")
    void faithfulReproducesThePublishedNumbersToThreeDecimals(String setting) throws IOException {
        Run run = run(args(setting, "--faithful", "--json").toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = run.json();
        GenexFixtures.Golden golden = GenexFixtures.FAITHFUL.get(setting);
        assertEquals("faithful", json.get("mode").asText());
        assertEquals(10, json.get("pairs").size());
        assertEquals(golden.consistencyMean(), round3(json.at("/consistency/mean").asDouble()), setting);
        assertEquals(golden.consistencyStd(), round3(json.at("/consistency/std").asDouble()), setting);
        assertEquals(golden.accuracyPercent(), Math.round(json.at("/accuracy/mean").asDouble() * 1000) / 10.0, setting);
        assertEquals(2, json.at("/consistency/ci95").size());
        double low = json.at("/consistency/ci95/0").asDouble();
        double high = json.at("/consistency/ci95/1").asDouble();
        assertTrue(low <= json.at("/consistency/mean").asDouble() && json.at("/consistency/mean").asDouble() <= high);
        for (String part : List.of("consistentCorrect", "consistentWrong", "inconsistent")) {
            assertTrue(json.at("/breakdown/" + part).isNumber(), part);
        }
    }

    @Test
    void plainOutputNamesTheModeAndIsATable() {
        Run fixed = run(args("transfer-full").toArray(String[]::new));
        assertEquals(0, fixed.exitCode(), fixed.err());
        assertTrue(fixed.out().startsWith("mode: fixed (default)\n"), fixed.out());
        assertTrue(fixed.out().contains("consistency         0.902 ± 0.019"), fixed.out());
        assertTrue(fixed.out().contains("openai/gpt-oss-20b | BytedTsinghua-SIA/DAPO-Qwen-32B"), fixed.out());

        Run faithful = run(args("transfer-full", "--faithful").toArray(String[]::new));
        assertTrue(faithful.out().startsWith("mode: faithful (reference quirks: ref.lenient-consistency"),
                faithful.out());
        assertTrue(faithful.out().contains("consistency         0.870 ± 0.030"), faithful.out());
    }

    @Test
    void xcotFormatScoresTheSameRecordsTheSameWay() throws IOException {
        Path jsonl = dir.resolve("transfer-full.jsonl");
        List<String> lines = new ArrayList<>();
        for (Path file : GenexFixtures.copyTo(dir, GenexFixtures.settingFiles("transfer-full"))) {
            for (ScoredAnswer a : GenexMedCalcFiles.readScored(file).orThrow()) {
                lines.add(XcotJsonl.line(a));
            }
        }
        Files.write(jsonl, lines);
        Run xcot = run("score", "--json", "--bootstrap", "300", jsonl.toString());
        Run genex = run(args("transfer-full", "--json").toArray(String[]::new));
        assertEquals(0, xcot.exitCode(), xcot.err());
        assertEquals(genex.json().get("consistency"), xcot.json().get("consistency"));
        assertEquals(genex.json().get("pairs"), xcot.json().get("pairs"));
        assertEquals(0.902, round3(xcot.json().at("/consistency/mean").asDouble()));
    }

    @Test
    void badLinesAreReportedWithFileAndLineAndTheRestIsScored() throws IOException {
        ScoredAnswer template = GenexMedCalcFiles.readScored(GenexFixtures.copyTo(dir,
                GenexFixtures.settingFiles("default")).get(0)).orThrow().get(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 4; i++) {
            String model = i % 2 == 0 ? "m1" : "m2";
            ScoredAnswer a = new ScoredAnswer("medcalc", Integer.toString(i / 2), "default", model,
                    template.sourceModel(), "4", template.outcome());
            bytes.writeBytes((XcotJsonl.line(a) + "\n").getBytes(StandardCharsets.UTF_8));
            if (i == 1) {
                bytes.writeBytes("{not json\n".getBytes(StandardCharsets.UTF_8));
                bytes.writeBytes(new byte[] {'{', '"', (byte) 0xFF, '"', '}', '\n'});
            }
        }
        Path file = dir.resolve("answers.jsonl");
        Files.write(file, bytes.toByteArray());
        Run run = run("score", "--json", "--bootstrap", "50", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> warnings = run.err().lines().toList();
        assertEquals(2, warnings.size(), run.err());
        assertTrue(warnings.get(0).startsWith("xcot: warning: answers.jsonl:3: not JSON"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("xcot: warning: answers.jsonl:4: invalid UTF-8"), warnings.get(1));
        assertEquals(2, run.json().get("items").asInt());
        assertEquals(2, run.json().get("problems").size());
        assertEquals(1.0, run.json().at("/consistency/mean").asDouble());
    }

    @Test
    void unreadableInputIsOneLineError() {
        Run run = run("score", dir.resolve("nope.jsonl").toString(), dir.resolve("nope2.jsonl").toString());
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals("xcot: " + dir.resolve("nope.jsonl") + ": no such file", run.err().strip());
    }

    /** Issue 12: a UTF-8 byte-order mark made {@code score} skip line 1 ("not JSON"). */
    @Test
    void aByteOrderMarkIsAccepted() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : GenexFixtures.copyTo(dir, GenexFixtures.settingFiles("empty"))) {
            GenexMedCalcFiles.readScored(file).orThrow().forEach(a -> lines.add(XcotJsonl.line(a)));
        }
        Path plain = Files.write(dir.resolve("plain.jsonl"), lines);
        Path bom = dir.resolve("bom.jsonl");
        Files.writeString(bom, "\uFEFF" + Files.readString(plain));
        Run withBom = run("score", "--json", "--bootstrap", "50", bom.toString());
        assertEquals(0, withBom.exitCode(), withBom.err());
        assertEquals("", withBom.err());
        Run without = run("score", "--json", "--bootstrap", "50", plain.toString());
        assertEquals(without.json().get("pairs"), withBom.json().get("pairs"));
    }

    @Test
    void aSecondAnswerOfAModelToAnItemNamesItsLine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : GenexFixtures.copyTo(dir, GenexFixtures.settingFiles("empty"))) {
            GenexMedCalcFiles.readScored(file).orThrow().forEach(a -> lines.add(XcotJsonl.line(a)));
        }
        lines.add(lines.get(3));
        Path file = Files.write(dir.resolve("twice.jsonl"), lines);
        Run run = run("score", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("xcot: twice.jsonl:" + lines.size() + ": a second answer of model "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Run run = run("score", "--format", "csv", "x.jsonl");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Invalid value for option '--format': unknown format 'csv' (expected xcot, "
                + "genex-medcalc or genex-induction)"), run.err());
    }

    @Test
    void mixedConditionsAreScoredSettingBySetting() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String setting : List.of("default", "sampled")) {
            for (Path file : GenexFixtures.copyTo(dir, GenexFixtures.settingFiles(setting))) {
                GenexMedCalcFiles.readScored(file).orThrow().forEach(a -> lines.add(XcotJsonl.line(a)));
            }
        }
        Path jsonl = dir.resolve("mixed.jsonl");
        Files.write(jsonl, lines);
        Run all = run("score", "--faithful", "--bootstrap", "200", jsonl.toString());
        assertEquals(0, all.exitCode(), all.err());
        // The published Default and Sampled consistency (reference rules), one row each ...
        assertTrue(all.out().lines().anyMatch(l -> l.startsWith("default ") && l.contains("0.276 ± 0.107")), all.out());
        assertTrue(all.out().lines().anyMatch(l -> l.startsWith("sampled ") && l.contains("0.299 ± 0.121")), all.out());
        // ... and each row's command scores that setting alone, to the same numbers.
        String command = all.out().lines().filter(l -> l.startsWith("sampled ") && l.contains(" score "))
                .findFirst().orElseThrow();
        assertTrue(command.contains("score --condition sampled --faithful " + jsonl), command);
        Run one = run("score", "--faithful", "--bootstrap", "200", "--condition", "sampled", jsonl.toString());
        assertTrue(one.out().contains("consistency         0.299 ± 0.121"), one.out());

        Path lonely = dir.resolve("one-model.jsonl");
        Files.write(lonely, lines.stream().filter(l -> l.contains("gpt-oss")).toList());
        Run none = run("score", lonely.toString());
        assertEquals(1, none.exitCode());
        assertTrue(none.err().startsWith("xcot: the files hold 2 settings (conditions [default, sampled]) but none has "
                + "answers of two models"), none.err());
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
