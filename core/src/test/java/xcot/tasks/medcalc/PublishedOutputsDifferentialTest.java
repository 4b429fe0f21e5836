package xcot.tasks.medcalc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xcot.formats.GenexFixtures;
import xcot.formats.GenexMedCalcFiles;
import xcot.formats.GenexMedCalcRecord;
import xcot.io.ReadResult;
import xcot.reference.Quirks;

/**
 * Differential test against the authors' published outputs: the records store the normalized answer and the
 * reference's judgment, so xcot's judge must reproduce the stored result, and re-normalizing a stored answer must
 * give it back. Every disagreement is printed with its reason; each file must agree on at least 99 % of rows.
 */
class PublishedOutputsDifferentialTest {
    @TempDir
    static Path dir;

    private static MedCalcDataset dataset;
    private static final MedCalcScorer REFERENCE = new MedCalcScorer(Quirks.faithfulScoring());

    @BeforeAll
    static void setUp() {
        dataset = MedCalcDataset.load();
    }

    static List<String> files() {
        return GenexFixtures.allFiles();
    }

    private static ReadResult<GenexMedCalcRecord> read(String file) {
        return GenexMedCalcFiles.read(GenexFixtures.copyTo(dir, List.of(file)).get(0));
    }

    @ParameterizedTest
    @MethodSource("files")
    void judgmentOfEachStoredAnswerEqualsTheStoredResult(String file) {
        ReadResult<GenexMedCalcRecord> records = read(file);
        assertEquals(List.of(), records.problems());
        assertEquals(100, records.values().size());
        List<String> mismatches = new ArrayList<>();
        for (GenexMedCalcRecord r : records.values()) {
            MedCalcRow row = dataset.row(r.rowNumber()).orElseThrow();
            assertEquals(row.calculatorId(), r.calculatorId(), "row " + r.rowNumber());
            Judgment judged = REFERENCE.judgeNormalized(row.groundTruth(), r.answer().orElse(""));
            if (judged.outcome().isCorrect() != r.isCorrect()) {
                mismatches.add("row " + r.rowNumber() + " (calculator " + r.calculatorId() + "): answer '"
                        + r.answer().orElse("") + "' stored " + r.result() + ", xcot " + judged.outcome()
                        + " — ground truth " + row.groundTruthAnswer() + " [" + row.lowerLimit() + ", "
                        + row.upperLimit() + "]");
            }
        }
        report(file, "judgment", mismatches, records.values().size());
    }

    @ParameterizedTest
    @MethodSource("files")
    void renormalizingAStoredAnswerReturnsIt(String file) {
        List<String> mismatches = new ArrayList<>();
        int answers = 0;
        for (GenexMedCalcRecord r : read(file).values()) {
            if (r.failure().isPresent()) {
                continue;
            }
            answers++;
            String stored = r.answer().orElseThrow();
            String again = REFERENCE.normalize(stored, r.calculatorId());
            if (!again.equals(stored)) {
                mismatches.add("row " + r.rowNumber() + " (calculator " + r.calculatorId() + "): '" + stored
                        + "' normalizes to '" + again + "'");
            }
        }
        report(file, "re-normalization", mismatches, answers);
    }

    private static void report(String file, String what, List<String> mismatches, int rows) {
        if (!mismatches.isEmpty()) {
            System.out.println(file + ": " + what + " differs on " + mismatches.size() + " of " + rows + " rows");
            mismatches.forEach(m -> System.out.println("  " + m));
        }
        assertTrue(mismatches.size() <= rows / 100, file + ": " + what + " agrees on fewer than 99 % of rows: "
                + mismatches);
    }

    /** Per-file counts from the reference README table: failure records and Correct rows. */
    private static final Map<String, int[]> COUNTS = Map.ofEntries(
            Map.entry("openai_gpt-oss-20b_zero_shot_empty.jsonl.gz", new int[] {7, 45}),
            Map.entry("BytedTsinghua-SIA_DAPO-Qwen-32B_zero_shot_empty.jsonl.gz", new int[] {17, 38}),
            Map.entry("Qwen_QwQ-32B_zero_shot_empty.jsonl.gz", new int[] {30, 36}),
            Map.entry("open-thoughts_OpenThinker-7B_zero_shot_empty.jsonl.gz", new int[] {32, 18}),
            Map.entry("nvidia_Nemotron-Research-Reasoning-Qwen-1.5B_zero_shot_empty.jsonl.gz", new int[] {14, 10}),
            Map.entry("openai_gpt-oss-20b_zero_shot_original_low.jsonl.gz", new int[] {4, 43}),
            Map.entry("BytedTsinghua-SIA_DAPO-Qwen-32B_zero_shot_original.jsonl.gz", new int[] {6, 41}),
            Map.entry("Qwen_QwQ-32B_zero_shot_original.jsonl.gz", new int[] {5, 41}),
            Map.entry("open-thoughts_OpenThinker-7B_zero_shot_original.jsonl.gz", new int[] {10, 24}),
            Map.entry("nvidia_Nemotron-Research-Reasoning-Qwen-1.5B_zero_shot_original.jsonl.gz", new int[] {7, 13}),
            Map.entry("openai_gpt-oss-20b_zero_shot_with_sampling.jsonl.gz", new int[] {4, 47}),
            Map.entry("BytedTsinghua-SIA_DAPO-Qwen-32B_zero_shot_with_sampling.jsonl.gz", new int[] {2, 37}),
            Map.entry("Qwen_QwQ-32B_zero_shot_with_sampling.jsonl.gz", new int[] {8, 39}),
            Map.entry("open-thoughts_OpenThinker-7B_zero_shot_with_sampling.jsonl.gz", new int[] {9, 32}),
            Map.entry("nvidia_Nemotron-Research-Reasoning-Qwen-1.5B_zero_shot_with_sampling.jsonl.gz", new int[] {1, 14}),
            Map.entry("Qwen_QwQ-32B_thoughts_to_openai_gpt-oss-20b_zero_shot_full.jsonl.gz", new int[] {9, 40}),
            Map.entry("Qwen_QwQ-32B_thoughts_to_BytedTsinghua-SIA_DAPO-Qwen-32B_zero_shot_full.jsonl.gz", new int[] {8, 41}),
            Map.entry("Qwen_QwQ-32B_thoughts_to_Qwen_QwQ-32B_zero_shot_full.jsonl.gz", new int[] {5, 41}),
            Map.entry("Qwen_QwQ-32B_thoughts_to_open-thoughts_OpenThinker-7B_zero_shot_full.jsonl.gz", new int[] {5, 40}),
            Map.entry("Qwen_QwQ-32B_thoughts_to_nvidia_Nemotron-Research-Reasoning-Qwen-1.5B_zero_shot_full.jsonl.gz",
                    new int[] {5, 40}),
            Map.entry("Qwen_QwQ-32B_thoughts_to_openai_gpt-oss-20b_zero_shot_without_answer.jsonl.gz", new int[] {9, 39}),
            Map.entry("Qwen_QwQ-32B_thoughts_to_BytedTsinghua-SIA_DAPO-Qwen-32B_zero_shot_without_answer.jsonl.gz",
                    new int[] {6, 37}),
            Map.entry("Qwen_QwQ-32B_thoughts_to_Qwen_QwQ-32B_zero_shot_without_answer.jsonl.gz", new int[] {5, 38}),
            Map.entry("Qwen_QwQ-32B_thoughts_to_open-thoughts_OpenThinker-7B_zero_shot_without_answer.jsonl.gz",
                    new int[] {3, 37}),
            Map.entry("Qwen_QwQ-32B_thoughts_to_nvidia_Nemotron-Research-Reasoning-Qwen-1.5B_zero_shot_without_answer"
                    + ".jsonl.gz", new int[] {6, 34}));

    static List<String> settingFiles() {
        return List.copyOf(COUNTS.keySet());
    }

    @ParameterizedTest
    @MethodSource("settingFiles")
    void importFindsTheDocumentedFailureAndCorrectCounts(String file) {
        List<GenexMedCalcRecord> records = read(file).values();
        int[] expected = COUNTS.get(file);
        assertEquals(expected[0], records.stream().filter(r -> r.failure().isPresent()).count(), "failure records");
        assertEquals(expected[1], records.stream().filter(GenexMedCalcRecord::isCorrect).count(), "Correct rows");
    }
}
