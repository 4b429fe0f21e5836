package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import xcot.fixtures.Downloads;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufReader;

/** The acceptance numbers of the committed zoo (held-out accuracy, well-formedness) and its shipping form. */
class CommittedZooTest {
    private final ZooEvaluation e = CommittedEvaluation.get();

    @Test
    void strongModelsSolveTheHeldOutProblems() {
        assertAtLeast(0.90, e.accuracy("plain-a", ZooEvaluator.DEFAULT), "plain-a");
        assertAtLeast(0.90, e.accuracy("swap-b", ZooEvaluator.DEFAULT), "swap-b");
        assertAtLeast(0.90, e.accuracy("mix-d", ZooEvaluator.DEFAULT), "mix-d");
        assertAtLeast(0.85, e.accuracy("words-c", ZooEvaluator.DEFAULT), "words-c");
    }

    @Test
    void theWeakReasonerIsWeakButWellFormed() {
        double weak = e.accuracy("weak-e", ZooEvaluator.DEFAULT);
        assertTrue(weak <= 0.30, "weak-e held-out accuracy " + weak);
    }

    @Test
    void everyModelWritesTheTrainedShape() {
        for (String m : e.models()) {
            assertEquals(1.0, e.wellFormed(m), m + " well-formedness");
        }
    }

    @Test
    void modelsNeedTheirReasoning() {
        // Without a chain the answer must come from the prompt in one step, which the models never learned: some
        // guesses land, most do not.
        for (String m : List.of("plain-a", "swap-b", "words-c", "mix-d")) {
            double empty = e.accuracy(m, ZooEvaluator.EMPTY);
            double own = e.accuracy(m, ZooEvaluator.DEFAULT);
            assertTrue(empty <= 0.25 && own - empty >= 0.7, m + " answers " + empty + " correctly with an empty"
                    + " thinking block, " + own + " with its own chain");
        }
    }

    @Test
    void filesAreF16WithCleanMetadataAndMatchTheManifest() throws Exception {
        ZooManifest manifest = CommittedZoo.manifest();
        ZooConfig zoo = ZooConfig.committed();
        assertEquals(zoo.models().size(), manifest.entries().size());
        for (ZooModel m : zoo.models()) {
            Path file = CommittedZoo.path(m.name());
            assertEquals(manifest.entry(m.name() + ".gguf").orElseThrow().sha256(), Downloads.sha256(file));
            assertEquals(file.getFileName().toString(), Downloads.sha256(file) + ".gguf");
            GgufFile gguf = GgufReader.read(file);
            assertEquals(1, gguf.metadata().getInt(GgufKeys.FILE_TYPE), "MOSTLY_F16");
            assertTrue(gguf.tensors().stream().allMatch(t -> t.type() == (t.shape().size() == 2 ? GgmlType.F16
                    : GgmlType.F32)), m.name());
            assertEquals(m.styleNames(), gguf.metadata().getString(ToyTrainer.KEY_STYLES));
            assertEquals(m.steps(zoo.recipe()), gguf.metadata().getInt(ToyTrainer.KEY_STEPS));
            assertTrue(gguf.metadata().size() < 40, "clean metadata, not llama.cpp's ~150 keys");
            assertTrue(Files.size(file) < 1_600_000, m.name() + " is " + Files.size(file) + " bytes");
        }
    }

    private static void assertAtLeast(double bound, double value, String what) {
        assertTrue(value >= bound, what + " held-out accuracy " + value + " < " + bound);
    }
}
