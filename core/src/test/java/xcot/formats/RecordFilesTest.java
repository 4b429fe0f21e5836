package xcot.formats;

import xcot.metrics.Outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.formats.GenexMedCalcFiles;
import xcot.formats.GenexMedCalcRecord;
import xcot.formats.XcotJsonl;
import xcot.io.InputFormatException;
import xcot.io.ReadResult;
import xcot.io.Utf8Lines;
import xcot.metrics.ScoredAnswer;

/** The xcot JSONL format and the genex importer, on good and bad input. */
class RecordFilesTest {
    @TempDir
    Path dir;

    @Test
    void xcotJsonlRoundTripsEveryOutcome() throws IOException {
        List<ScoredAnswer> answers = List.of(
                new ScoredAnswer("medcalc", "353", "transfer-full", "openai/gpt-oss-20b", Optional.of("Qwen/QwQ-32B"),
                        "4", new Outcome.Incorrect()),
                new ScoredAnswer("medcalc", "561", "empty", "Qwen/QwQ-32B", Optional.empty(), "25.238",
                        new Outcome.Correct()),
                new ScoredAnswer("medcalc", "875", "empty", "Qwen/QwQ-32B", Optional.empty(), "name 'N' is not defined",
                        new Outcome.Failed("name 'N' is not defined")),
                new ScoredAnswer("induction", "rhymes/4", "default", "m", Optional.empty(), "Write a rhyme \"x\"\n",
                        new Outcome.Graded(0.625)));
        Path file = dir.resolve("runs.jsonl");
        Files.write(file, answers.stream().map(XcotJsonl::line).toList());
        ReadResult<ScoredAnswer> read = XcotJsonl.read(file);
        assertEquals(List.of(), read.problems());
        assertEquals(answers, read.values());
    }

    @Test
    void xcotJsonlReportsBadLinesAndKeepsTheRest() throws IOException {
        String good = XcotJsonl.line(new ScoredAnswer("toy", "1", "default", "m", Optional.empty(), "3",
                new Outcome.Correct()));
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, List.of(good, "[1, 2]", "{\"benchmark\": \"toy\", \"item\": \"2\", \"model\": \"m\", "
                + "\"answer\": \"1\"}", "", good.replace("\"item\":\"1\"", "\"item\":\"3\"")));
        ReadResult<ScoredAnswer> read = XcotJsonl.read(file);
        assertEquals(List.of("1", "3"), read.values().stream().map(ScoredAnswer::itemId).toList());
        assertEquals(List.of("bad.jsonl:2: not a JSON object",
                "bad.jsonl:3: needs 'correct' (boolean), 'score' or 'failure'"),
                read.problems().stream().map(Object::toString).toList());
        InputFormatException e = assertThrows(InputFormatException.class, read::orThrow);
        assertEquals("bad.jsonl:2: not a JSON object (and 1 more bad lines)", e.getMessage());
    }

    @Test
    void genexImportKeepsValidLinesOfABrokenFile() throws IOException {
        Path source = GenexFixtures.copyTo(dir, List.of("Qwen_QwQ-32B_zero_shot_empty.jsonl.gz")).get(0);
        List<String> lines = new ArrayList<>(List.of(new String(Utf8Lines.readBytes(source), StandardCharsets.UTF_8)
                .split("\n")));
        lines.set(4, lines.get(4).substring(0, 40));
        lines.set(9, lines.get(9).replace("\"Row Number\"", "\"Row\""));
        Path broken = dir.resolve("Qwen_QwQ-32B_zero_shot_empty.jsonl");
        Files.write(broken, lines);
        ReadResult<GenexMedCalcRecord> read = GenexMedCalcFiles.read(broken);
        assertEquals(98, read.values().size());
        assertEquals(2, read.problems().size());
        assertTrue(read.problems().get(0).toString().startsWith("Qwen_QwQ-32B_zero_shot_empty.jsonl:5: not JSON"));
        assertEquals("Qwen_QwQ-32B_zero_shot_empty.jsonl:10: missing field 'Row Number'",
                read.problems().get(1).toString());
    }

    @Test
    void genexImportReadsModelConditionAndFailures() {
        Path transfer = GenexFixtures.copyTo(dir,
                List.of("Qwen_QwQ-32B_thoughts_to_openai_gpt-oss-20b_zero_shot_full.jsonl.gz")).get(0);
        List<ScoredAnswer> answers = GenexMedCalcFiles.readScored(transfer).orThrow();
        assertTrue(answers.stream().allMatch(a -> a.model().equals("openai/gpt-oss-20b")));
        assertTrue(answers.stream().allMatch(a -> a.sourceModel().equals(Optional.of("Qwen/QwQ-32B"))));
        assertTrue(answers.stream().allMatch(a -> a.condition().equals("transfer-full")));
        ScoredAnswer failed = answers.stream().filter(a -> a.itemId().equals("425")).findFirst().orElseThrow();
        // A transfer failure record has no Target Answer: the reference analysis reads "".
        assertEquals("", failed.answer());
        assertTrue(failed.outcome().isFailed());
        assertEquals("empty", GenexMedCalcFiles.condition("openai_gpt-oss-20b_zero_shot_empty.jsonl.gz"));
        assertEquals("default", GenexMedCalcFiles.condition("openai_gpt-oss-20b_zero_shot_original_low.jsonl"));
        assertEquals("sampled", GenexMedCalcFiles.condition("Qwen_QwQ-32B_zero_shot_with_sampling.jsonl"));
        assertEquals("transfer-without-answer",
                GenexMedCalcFiles.condition("Qwen_QwQ-32B_thoughts_to_Qwen_QwQ-32B_zero_shot_without_answer.jsonl"));
    }

    @Test
    void aCorruptGzipIsOneLineError() throws IOException {
        Path file = dir.resolve("x.jsonl.gz");
        Files.write(file, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        InputFormatException e = assertThrows(InputFormatException.class, () -> XcotJsonl.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a valid gzip file"), e.getMessage());
    }

    @Test
    void invalidUtf8IsReportedPerLine() {
        byte[] bytes = "ok\nbad \u00e9\nok\n".getBytes(StandardCharsets.UTF_8);
        bytes[7] = (byte) 0xC3;
        bytes[8] = (byte) 0x28;
        Utf8Lines.Decoded decoded = Utf8Lines.decode(bytes, "f.txt");
        assertEquals(3, decoded.lines().size());
        assertEquals("f.txt:2: invalid UTF-8 at byte offset 7 of the file", decoded.problems().get(0).toString());
    }

    /** Issue 12: a byte-order mark made the first line "not JSON" and it was skipped. */
    @Test
    void aByteOrderMarkIsAcceptedByEveryLineReader() throws IOException {
        String line = XcotJsonl.line(new ScoredAnswer("toy", "1", "default", "m", Optional.empty(), "3",
                new Outcome.Correct()));
        Path xcot = dir.resolve("bom.jsonl");
        Files.writeString(xcot, "\uFEFF" + line + "\n");
        ReadResult<ScoredAnswer> read = XcotJsonl.read(xcot);
        assertEquals(List.of(), read.problems());
        assertEquals(1, read.values().size());

        Path source = GenexFixtures.copyTo(dir, List.of("Qwen_QwQ-32B_zero_shot_empty.jsonl.gz")).get(0);
        byte[] plain = Utf8Lines.readBytes(source);
        Path genex = dir.resolve("bom").resolve("Qwen_QwQ-32B_zero_shot_empty.jsonl");
        Files.createDirectories(genex.getParent());
        Files.write(genex, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, plain));
        assertEquals(GenexMedCalcFiles.readScored(source).orThrow(), GenexMedCalcFiles.readScored(genex).orThrow());
    }

    /** The genex-induction JSON files: a byte-order mark is read past, a missing file is named once. */
    @Test
    void wholeJsonFilesAcceptAByteOrderMarkAndNameAMissingFileOnce() throws IOException {
        Path file = dir.resolve("task_execution.json");
        Files.writeString(file, "\uFEFF{\"4\": {\"instruction\": \"x\"}}");
        List<xcot.io.InputProblem> problems = new ArrayList<>();
        assertTrue(JsonFiles.object(file, problems).isPresent(), problems.toString());
        Path missing = dir.resolve("missing.json");
        assertTrue(JsonFiles.object(missing, problems).isEmpty());
        assertEquals(List.of(missing + ": no such file"), problems.stream().map(Object::toString).toList());
    }

    /**
     * The failure records of a transfer file lack the target model; they take the first one the file names, even when
     * it is named only after them, and keep their place.
     */
    @Test
    void recordsBeforeTheFirstNamedModelTakeItAndKeepTheirOrder() throws IOException {
        String failure = "{\"Row Number\": %d, \"Calculator ID\": 2, \"LLM Answer\": \"boom\", "
                + "\"LLM Explanation\": \"boom\"}";
        String named = "{\"Row Number\": %d, \"Calculator ID\": 2, \"LLM Answer\": \"x\", \"Target Answer\": \"4\", "
                + "\"Target Result\": \"Correct\", \"Target Model\": \"org/named\", \"LLM Model\": \"org/source\"}";
        Path file = dir.resolve("a_b_thoughts_to_c_d_zero_shot_full.jsonl");
        Files.write(file, List.of(String.format(failure, 1), String.format(failure, 2), String.format(named, 3),
                String.format(failure, 4)));
        List<ScoredAnswer> answers = GenexMedCalcFiles.readScored(file).orThrow();
        assertEquals(List.of("1", "2", "3", "4"), answers.stream().map(ScoredAnswer::itemId).toList());
        assertTrue(answers.stream().allMatch(a -> a.model().equals("org/named")
                && a.sourceModel().equals(Optional.of("org/source"))), answers.toString());
        Files.write(file, List.of(String.format(failure, 1)));
        ScoredAnswer alone = GenexMedCalcFiles.readScored(file).orThrow().get(0);
        assertEquals("c/d", alone.model());
        assertEquals(Optional.of("a/b"), alone.sourceModel());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
