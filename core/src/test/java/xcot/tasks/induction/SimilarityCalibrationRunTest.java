package xcot.tasks.induction;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
import xcot.llm.TokenEncoder;

/**
 * The calibration of the README: MiniLM BERTScore (and token F1, for comparison) against the deberta-xlarge-mnli
 * BERTScores the paper stored with its pairwise Instruction Induction consistency rows. Opt-in, since it encodes a
 * few thousand texts: {@code mvn -Pcalibration -pl core -am test -Dxcot.genexInduction=DIR}, where DIR is the
 * published {@code instruction-induction/} folder (its {@code comparison_results/<setting>/*.json}).
 */
@Tag("calibration")
class SimilarityCalibrationRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAIR_FILE_MARK = "_bert_comparison_";

    /** One published row before scoring. */
    record Published(String setting, String task, String pair, String item, String first, String second,
                     double stored) {}

    @Test
    void printsTheCalibration() throws IOException {
        String dir = System.getProperty("xcot.genexInduction");
        assertNotNull(dir, "set -Dxcot.genexInduction to the published instruction-induction/ folder");
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
            }
        }
        print(published, Similarity.TOKEN_F1.scorer());
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
