package xcot.tasks.induction;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xcot.fixtures.MiniLm;
import xcot.formats.GenexInductionFixtures;
import xcot.llm.TokenEncoder;
import xcot.metrics.Spearman;

/**
 * The calibration of the README: MiniLM BERTScore (and token F1, for comparison) against the deberta-xlarge-mnli
 * BERTScores the paper stored with its pairwise Instruction Induction consistency rows. Opt-in, since it encodes a
 * few thousand texts: {@code mvn -Pcalibration -pl core -am test}; it reads the published outputs the project ships,
 * or with {@code -Dxcot.genexInduction=DIR} another copy of the published {@code instruction-induction/} folder (its
 * {@code comparison_results/<setting>/*.json}).
 */
@Tag("calibration")
class SimilarityCalibrationRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAIR_FILE_MARK = "_bert_comparison_";
    private static final String WITH_SCORES = "_with_scores.json";
    private static final String WHOLE_TRANSCRIPT_SCORED =
            "predictions_without_answer_opent_thoughts_to_open-thoughts_OpenThinker-7B";

    /** One published row before scoring. */
    record Published(String setting, String task, String pair, String item, String first, String second,
                     double stored) {}

    @Test
    void printsTheCalibration() throws IOException {
        // By default the published outputs the project ships (test resources); another copy with -Dxcot.genexInduction.
        String dir = System.getProperty("xcot.genexInduction", GenexInductionFixtures.root().toString());
        List<Published> published = read(Path.of(dir, "comparison_results"));
        assertFalse(published.isEmpty(), "no consistency rows under " + dir);

        Set<String> texts = new LinkedHashSet<>();
        published.forEach(p -> {
            texts.add(InductionScoring.normalizeForConsistency(p.first()));
            texts.add(InductionScoring.normalizeForConsistency(p.second()));
        });
        // -Dxcot.minilmLayers=4,5,6 compares cuts of the model; by default the one Similarity uses.
        String layers = System.getProperty("xcot.minilmLayers", String.valueOf(Similarity.MINILM_LAYERS));
        for (String l : layers.split(",")) {
            int layer = Integer.parseInt(l.strip());
            try (TokenEncoder encoder = TokenEncoder.open(MiniLm.cachedGguf(layer), 1)) {
                BertScoreScorer scorer = new BertScoreScorer("minilm-bertscore (layer " + layer + ")",
                        encoder::encodeAll, texts.size());
                long start = System.nanoTime();
                scorer.warm(texts);
                System.out.printf("encoded %d distinct texts in %.1f s (1 thread)%n", texts.size(),
                        (System.nanoTime() - start) / 1e9);
                print(published, scorer);
                printAccuracy(Path.of(dir, "predictions"), scorer);
            }
        }
        print(published, Similarity.TOKEN_F1.scorer());
        printAccuracy(Path.of(dir, "predictions"), Similarity.TOKEN_F1.scorer());
    }

    /**
     * The accuracy rows ({@code predictions/<dir>/<task>_with_scores.json}: the extracted prediction and its stored
     * best BERTScore with idf against the task's annotations): per-row Spearman and the Spearman of the directories'
     * means (mean over tasks of the mean over items). Left out: the OpenThinker without-answer self-transfer, whose
     * stored scores are of the whole transcript rather than the prediction (a defect of the published files).
     */
    private static void printAccuracy(Path predictions, SimilarityScorer scorer) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(predictions, 2)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(WITH_SCORES))
                    .filter(f -> !f.getParent().getFileName().toString().equals(WHOLE_TRANSCRIPT_SCORED))
                    .sorted().toList();
        }
        List<double[]> rows = new ArrayList<>();
        Map<String, Map<String, List<double[]>>> byDirectoryTask = new java.util.TreeMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String task = name.substring(0, name.length() - WITH_SCORES.length());
            List<String> annotations = InductionData.annotations(task);
            for (Map.Entry<String, JsonNode> e : JSON.readTree(f.toFile()).properties()) {
                JsonNode row = e.getValue();
                if (!row.isObject()) {
                    continue; // weighted_task_score
                }
                double[] pair = {row.get("score").asDouble(), InductionScoring.accuracy(
                        row.get("predicted_instruction").asText(), annotations, scorer)};
                rows.add(pair);
                byDirectoryTask.computeIfAbsent(f.getParent().getFileName().toString(), d -> new java.util.TreeMap<>())
                        .computeIfAbsent(task, t -> new ArrayList<>()).add(pair);
            }
        }
        double[][] means = byDirectoryTask.values().stream().map(tasks -> new double[] {
                mean(tasks.values(), 0), mean(tasks.values(), 1)}).toArray(double[][]::new);
        System.out.printf(java.util.Locale.ROOT, "%s vs stored accuracy BERTScore (idf), %d rows of %d directories:"
                        + " per-row Spearman %.3f, directory-level Spearman %.3f%n", scorer.name(), rows.size(),
                means.length, Spearman.correlation(rows.stream().mapToDouble(r -> r[0]).toArray(),
                        rows.stream().mapToDouble(r -> r[1]).toArray()),
                Spearman.correlation(java.util.Arrays.stream(means).mapToDouble(m -> m[0]).toArray(),
                        java.util.Arrays.stream(means).mapToDouble(m -> m[1]).toArray()));
    }

    /** Mean over tasks of the mean over items of column {@code column}. */
    private static double mean(java.util.Collection<List<double[]>> tasks, int column) {
        return tasks.stream().mapToDouble(items -> items.stream().mapToDouble(r -> r[column]).average()
                .orElseThrow()).average().orElseThrow();
    }

    private static void print(List<Published> published, SimilarityScorer scorer) {
        List<SimilarityCalibration.Row> rows = new ArrayList<>();
        for (Published p : published) {
            rows.add(new SimilarityCalibration.Row(p.setting(), p.task(), p.pair(), p.item(), p.stored(),
                    InductionScoring.consistency(p.first(), p.second(), scorer)));
        }
        System.out.print(new SimilarityCalibration(rows).format(scorer.name()));
    }

    static List<Published> read(Path comparisonResults) throws IOException {
        List<Published> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(comparisonResults, 2)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            int mark = name.indexOf(PAIR_FILE_MARK);
            if (mark < 0) {
                continue;
            }
            String setting = f.getParent().getFileName().toString();
            String task = name.substring(0, mark);
            String pair = name.substring(mark + PAIR_FILE_MARK.length(), name.length() - ".json".length());
            for (Map.Entry<String, JsonNode> e : JSON.readTree(f.toFile()).properties()) {
                JsonNode row = e.getValue();
                if (row.isObject() && row.has("model1_output")) {
                    out.add(new Published(setting, task, pair, e.getKey(), row.get("model1_output").asText(),
                            row.get("model2_output").asText(), row.get("bert_score").asDouble()));
                }
            }
        }
        return out;
    }
}
