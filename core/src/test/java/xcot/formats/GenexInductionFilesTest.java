package xcot.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.Setting;
import xcot.metrics.SettingMetrics;
import xcot.metrics.SettingReport;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.tasks.induction.InductionData;
import xcot.tasks.induction.InductionScoring;
import xcot.tasks.induction.InductionTask;

/**
 * The genex-induction reader on the seven shared published settings, and on directories of the other published
 * shapes (transfers from other sources, ensembles keyed by position) built from them.
 */
class GenexInductionFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QWQ = "Qwen/QwQ-32B";
    private static final String DAPO = "BytedTsinghua-SIA/DAPO-Qwen-32B";
    private static final String OPENT = "open-thoughts/OpenThinker-7B";

    @TempDir
    Path tmp;

    static List<String> settings() {
        return GenexInductionFixtures.SETTINGS;
    }

    @ParameterizedTest
    @MethodSource("settings")
    void everySharedSettingReadsCompletely(String name) {
        GenexInductionSetting s = GenexInductionFiles.read(GenexInductionFixtures.setting(name).directories());
        assertEquals(List.of(), s.problems());
        assertEquals(5, s.models().size());
        assertEquals(500, s.answers().size());
        assertEquals(500, s.accuracyRows().size());
        assertEquals(1000, s.comparisons().size(), "20 tasks x 5 items x 10 pairs");
        // xcot's extraction is what the reference compared: every recorded output normalizes like xcot's answer.
        Map<String, String> answer = new HashMap<>();
        s.answers().forEach(a -> answer.put(a.itemId() + "|" + a.model(), a.answer()));
        for (GenexInductionComparison row : s.comparisons()) {
            for (String model : List.of(row.modelA(), row.modelB())) {
                assertEquals(InductionScoring.normalizeForConsistency(row.answerOf(model)),
                        InductionScoring.normalizeForConsistency(answer.get(row.itemId() + "|" + model)),
                        name + " " + row.itemId() + " " + model);
            }
        }
    }

    @Test
    void conditionsAndSourcesFollowTheDirectoryNames() {
        Map<String, String> expected = Map.of("empty", "empty", "default", "default", "default_without_answer",
                "default-without-answer", "sampling", "sampled", "sampling_without_answer", "sampled-without-answer",
                "transfer_qwq", "transfer-full", "transfer_qwq_without_answer", "transfer-without-answer");
        for (String name : GenexInductionFixtures.SETTINGS) {
            GenexInductionSetting s = GenexInductionFiles.read(GenexInductionFixtures.setting(name).directories());
            assertEquals(expected.get(name), s.condition(), name);
            assertEquals(name.startsWith("transfer") ? Optional.of(QWQ) : Optional.empty(), s.source(), name);
        }
    }

    @Test
    void theOnlyAccuracyFileThatScoredOtherTextIsOpenThinkersWithoutAnswerSelfTransfer() {
        Map<String, Long> scoredOther = new HashMap<>();
        for (String name : GenexInductionFixtures.SETTINGS) {
            for (GenexInductionAnswer a : read(name).accuracyRows()) {
                if (!InductionScoring.normalizeForAccuracy(a.scoredText().orElseThrow())
                        .equals(InductionScoring.normalizeForAccuracy(a.answer()))) {
                    scoredOther.merge(name + " " + a.model(), 1L, Long::sum);
                }
            }
        }
        assertEquals(Map.of("default_without_answer " + OPENT, 100L), scoredOther);
        GenexInductionAnswer one = read("default_without_answer").accuracyRows().stream()
                .filter(a -> a.model().equals(OPENT)).findFirst().orElseThrow();
        assertEquals(one.transcript(), one.scoredText().orElseThrow(), "the whole transcript was scored");
    }

    @Test
    void storedScoresNeedFaithfulWhereTheReferenceScoredOtherText() {
        GenexInductionSetting s = read("default_without_answer");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenexInductionScoring.score(s, Quirks.none(), stored()));
        assertTrue(e.getMessage().startsWith("100 stored similarities do not apply (first: the stored accuracy of "
                + OPENT), e.getMessage());
        assertTrue(e.getMessage().contains("--faithful"), e.getMessage());
        assertEquals(0.572, round3(report(s, Quirks.faithfulScoring()).accuracyMean().mean()));
        // Every other shared setting scores the same with or without the quirks.
        SettingReport fixed = report(read("transfer_qwq"), Quirks.none());
        assertEquals(report(read("transfer_qwq"), Quirks.faithfulScoring()).consistency().mean(),
                fixed.consistency().mean());
    }

    @Test
    void plottedConsistencyIsTwentyOverTwentyOneOfTheTrueMean() {
        GenexInductionSetting s = read("empty");
        SettingReport plotted = report(s, Quirks.faithfulScoring().with(Quirk.II_PLOT_21_TASKS, true));
        SettingReport truth = report(s, Quirks.faithfulScoring());
        assertEquals(truth.consistency().mean() * 20 / 21, plotted.consistency().mean(), 1e-12);
        assertEquals(0.565, round3(plotted.consistency().mean()));
        assertEquals(truth.accuracyMean().mean(), plotted.accuracyMean().mean());
    }

    @Test
    void publishedLayoutIsDiscoveredSettingBySetting() {
        List<GenexInductionFiles.PublishedSetting> all = GenexInductionFiles.published(GenexInductionFixtures.root());
        assertEquals(GenexInductionFixtures.SETTINGS.stream().sorted().toList(),
                all.stream().map(GenexInductionFiles.PublishedSetting::name).toList());
        all.forEach(s -> assertEquals(5, s.predictionDirectories().size(), s.name()));
        assertTrue(GenexInductionFixtures.setting("transfer_qwq").predictionDirectories().stream()
                .allMatch(p -> p.getFileName().toString().startsWith("predictions_Qwen_QwQ-32B_thoughts_to_")));
    }

    /** The ensembles' published shape: entries keyed by position 0-4, not by item id, in another order. */
    @Test
    void ensembleDirectoriesKeyedByPositionReadLikeTheSameAnswersKeyedById() throws IOException {
        Path root = tmp.resolve("instruction-induction");
        for (String[] shape : List.of(new String[] {"default", "_ensemble_gen_qwq_dapo_eval_oss",
                "ensemble_gen_qwq_dapo_eval_oss"}, new String[] {"default_without_answer",
                "_ensemble_without_answer_gen_qwq_opent_eval_oss", "ensemble_gen_qwq_opent_eval_oss_without_answer"})) {
            GenexInductionFiles.PublishedSetting from = GenexInductionFixtures.setting(shape[0]);
            for (Path dir : from.predictionDirectories()) {
                String model = GenexInductionDirectory.parse(dir).model().replace('/', '_');
                copyKeyedByPosition(dir, root.resolve("predictions").resolve("predictions_" + model + shape[1]));
            }
            copyKeyedByPosition(from.comparisonDirectory(), root.resolve("comparison_results").resolve(shape[2]));
        }
        List<GenexInductionFiles.PublishedSetting> published = GenexInductionFiles.published(root);
        assertEquals(List.of("ensemble_gen_qwq_dapo_eval_oss", "ensemble_gen_qwq_opent_eval_oss_without_answer"),
                published.stream().map(GenexInductionFiles.PublishedSetting::name).toList());

        GenexInductionSetting ensemble = GenexInductionFiles.read(published.get(0).directories());
        assertEquals(List.of(), ensemble.problems());
        assertEquals("ensemble", ensemble.condition());
        assertEquals(Optional.of(QWQ + "+" + DAPO + " / openai/gpt-oss-20b"), ensemble.source());
        assertEquals(1000, ensemble.comparisons().size());
        assertSameScores(read("default"), ensemble, Quirks.faithfulScoring());

        GenexInductionSetting without = GenexInductionFiles.read(published.get(1).directories());
        assertEquals("ensemble-without-answer", without.condition());
        assertEquals(Optional.of(QWQ + "+" + OPENT + " / openai/gpt-oss-20b"), without.source());
        assertSameScores(read("default_without_answer"), without, Quirks.faithfulScoring());
    }

    /** Transfers from the other sources: full by the source's id, without answer by its short name. */
    @Test
    void transfersFromOtherSourcesAreNamedByTheirSource() throws IOException {
        Path root = tmp.resolve("instruction-induction");
        for (String[] shape : List.of(new String[] {"transfer_qwq", "predictions_BytedTsinghua-SIA_DAPO-Qwen-32B"
                + "_thoughts_to_", "transfer_dapo"}, new String[] {"transfer_qwq_without_answer",
                "predictions_without_answer_dapo_thoughts_to_", "transfer_dapo_without_answer"})) {
            GenexInductionFiles.PublishedSetting from = GenexInductionFixtures.setting(shape[0]);
            for (Path dir : from.predictionDirectories()) {
                String model = GenexInductionDirectory.parse(dir).model().replace('/', '_');
                copy(dir, root.resolve("predictions").resolve(shape[1] + model), UnaryOperator.identity());
            }
            copy(from.comparisonDirectory(), root.resolve("comparison_results").resolve(shape[2]),
                    UnaryOperator.identity());
        }
        for (GenexInductionFiles.PublishedSetting p : GenexInductionFiles.published(root)) {
            GenexInductionSetting s = GenexInductionFiles.read(p.directories());
            assertEquals(Optional.of(DAPO), s.source(), p.name());
            assertEquals(p.name().endsWith("without_answer") ? "transfer-without-answer" : "transfer-full",
                    s.condition());
            assertSameScores(read(p.name().replace("dapo", "qwq")), s, Quirks.faithfulScoring());
        }
    }

    @Test
    void directoryNamesOfEveryPublishedShape() {
        assertEquals(new GenexInductionDirectory(Path.of("predictions_Qwen_QwQ-32B_empty"),
                GenexInductionDirectory.Kind.EMPTY, QWQ, Optional.empty(), false),
                GenexInductionDirectory.parse(Path.of("predictions_Qwen_QwQ-32B_empty")));
        GenexInductionDirectory sampled = GenexInductionDirectory.parse(
                Path.of("predictions_openai_gpt-oss-20b_with_sampling_without_answer"));
        assertEquals("openai/gpt-oss-20b", sampled.model());
        assertTrue(sampled.withoutAnswer() && sampled.kind() == GenexInductionDirectory.Kind.SAMPLED);
        GenexInductionDirectory transfer = GenexInductionDirectory.parse(
                Path.of("predictions_open-thoughts_OpenThinker-7B_thoughts_to_nvidia_Nemotron-Research-Reasoning-Qwen-1.5B"));
        assertEquals(Optional.of(OPENT), transfer.source());
        assertEquals("nvidia/Nemotron-Research-Reasoning-Qwen-1.5B", transfer.model());
        GenexInductionDirectory without = GenexInductionDirectory.parse(
                Path.of("predictions_without_answer_nrr_thoughts_to_Qwen_QwQ-32B"));
        assertEquals(Optional.of("nvidia/Nemotron-Research-Reasoning-Qwen-1.5B"), without.source());
        assertTrue(without.withoutAnswer());
        GenexInductionDirectory ensemble = GenexInductionDirectory.parse(
                Path.of("predictions_BytedTsinghua-SIA_DAPO-Qwen-32B_ensemble_gen_qwq_oss_eval_dapo"));
        assertEquals(Optional.of(QWQ + "+openai/gpt-oss-20b / " + DAPO), ensemble.source());
        assertEquals(DAPO, ensemble.model());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenexInductionDirectory.parse(Path.of("predictions_Qwen_QwQ-32B")));
        assertTrue(e.getMessage().startsWith("predictions_Qwen_QwQ-32B: not a published Instruction Induction "
                + "prediction directory name"), e.getMessage());
    }

    @Test
    void directoriesOfDifferentSettingsAreRefused() {
        List<Path> dirs = new ArrayList<>(GenexInductionFixtures.setting("empty").predictionDirectories());
        dirs.set(0, GenexInductionFixtures.setting("sampling").predictionDirectories().get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenexInductionFiles.read(dirs));
        assertTrue(e.getMessage().startsWith("the prediction directories are not of one setting"), e.getMessage());
    }

    @Test
    void badFilesAreReportedAndTheRestIsRead() throws IOException {
        GenexInductionFiles.PublishedSetting from = GenexInductionFixtures.setting("empty");
        List<Path> dirs = new ArrayList<>();
        for (Path dir : from.directories()) {
            Path copy = tmp.resolve(dir.getFileName().toString());
            copy(dir, copy, UnaryOperator.identity());
            dirs.add(copy);
        }
        Path broken = dirs.get(0).resolve("rhymes_execution.json");
        Files.writeString(broken, "{\n  \"4\": {\"instruction\": \"x\",\n");
        Files.delete(dirs.get(0).resolve("rhymes_with_scores.json"));
        Path comparisons = dirs.get(dirs.size() - 1);
        try (Stream<Path> files = Files.list(comparisons)) {
            Path one = files.filter(f -> f.getFileName().toString().startsWith("synonyms_")).sorted().findFirst()
                    .orElseThrow();
            Files.delete(one);
        }
        GenexInductionSetting s = GenexInductionFiles.read(dirs);
        assertTrue(s.problems().stream().anyMatch(p -> p.file().equals(broken.toString()) && p.line() == 3
                && p.message().startsWith("not JSON")), s.problems().toString());
        assertEquals(495, s.answers().size(), "the other 19 tasks of that model and all of the others");
        assertEquals(1000 - 5 - 20, s.comparisons().size(), "one file of 5 rows gone, 4 pairs x 5 rhymes items");
        // The reference averages the rows it has. DAPO lacks its 5 rhymes answers in every pair, and its pair with
        // QwQ (the deleted file) also the 5 synonyms rows.
        GenexInductionScoring.Scored faithful = GenexInductionScoring.score(s, Quirks.faithfulScoring(), stored());
        assertEquals(5, faithful.skipped().size(), faithful.skipped().toString());
        assertTrue(faithful.skipped().get(0).startsWith("no stored similarity of "), faithful.skipped().get(0));
        assertEquals(faithful.skipped(), GenexInductionScoring.score(s, Quirks.none(), stored()).skipped());
        SettingReport report = SettingMetrics.score(Setting.of(faithful.answers()), faithful.rule(), false,
                new BootstrapSpec(50, 1));
        assertEquals(List.of(90, 95, 95, 95, 100, 100, 100, 100, 100, 100),
                report.pairs().stream().map(p -> p.counted()).sorted().toList());
    }

    @Test
    void storedConsistencyNeedsTheComparisonDirectory() {
        GenexInductionSetting s = GenexInductionFiles.read(GenexInductionFixtures.setting("empty")
                .predictionDirectories());
        assertEquals(0, s.comparisons().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenexInductionScoring.score(s, Quirks.faithfulScoring(), stored()));
        assertTrue(e.getMessage().startsWith("1000 stored similarities do not apply"), e.getMessage());
        assertTrue(e.getMessage().contains("(give the setting's comparison_results directory)"), e.getMessage());
    }

    private static void assertSameScores(GenexInductionSetting expected, GenexInductionSetting actual, Quirks q) {
        SettingReport a = report(expected, q);
        SettingReport b = report(actual, q);
        assertEquals(a.consistency().mean(), b.consistency().mean(), 1e-12);
        assertEquals(a.consistency().std(), b.consistency().std(), 1e-12);
        assertEquals(a.accuracyMean().mean(), b.accuracyMean().mean(), 1e-12);
    }

    private static GenexInductionSetting read(String name) {
        return GenexInductionFiles.read(GenexInductionFixtures.setting(name).directories());
    }

    private static GenexInductionScoring.Similarity stored() {
        return new GenexInductionScoring.Similarity.Stored();
    }

    static SettingReport report(GenexInductionSetting s, Quirks quirks) {
        GenexInductionScoring.Scored scored = GenexInductionScoring.score(s, quirks, stored());
        return SettingMetrics.score(Setting.of(scored.answers()), scored.rule(), false, new BootstrapSpec(50, 1));
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /** Copies a directory's JSON files, each object rewritten by {@code rewrite}. */
    private static void copy(Path from, Path to, UnaryOperator<ObjectNode> rewrite) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                ObjectNode object = (ObjectNode) JSON.readTree(f.toFile());
                Files.writeString(to.resolve(f.getFileName()), JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(rewrite.apply(object)));
            }
        }
    }

    /**
     * Re-keys every file's entries from item id to a position among the task's five items, positions not in id
     * order, the way the ensemble directories are keyed.
     */
    private static void copyKeyedByPosition(Path from, Path to) throws IOException {
        Map<String, String> positionOfId = new HashMap<>();
        for (InductionTask task : InductionData.tasks()) {
            List<String> ids = task.itemIds();
            for (int i = 0; i < ids.size(); i++) {
                positionOfId.put(ids.get(i), Integer.toString((2 * i + 1) % ids.size()));
            }
        }
        copy(from, to, object -> {
            ObjectNode keyed = JSON.createObjectNode();
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            fields.sort(Map.Entry.comparingByKey());
            for (Map.Entry<String, JsonNode> field : fields) {
                boolean entry = field.getValue().isObject() && positionOfId.containsKey(field.getKey());
                keyed.set(entry ? positionOfId.get(field.getKey()) : field.getKey(), field.getValue());
            }
            return keyed;
        });
    }
}
