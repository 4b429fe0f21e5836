package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.llm.Backend;
import xcot.tasks.toy.ToySplit;

/**
 * Retrains the cheapest committed model with the committed command's settings. On a machine whose llama.cpp build
 * (commit, patches, CPU features: the build key) matches the manifest's, the file must be byte-identical; elsewhere
 * the kernels differ in rounding, so only its held-out accuracy must match within 0.05.
 */
class ReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void retrainingReproducesTheCommittedModel() throws Exception {
        ZooConfig zoo = ZooConfig.committed();
        ZooModel model = zoo.require("weak-e");
        TrainingReport report = ToyTrainer.train(model, zoo.recipe(), dir.resolve("weak-e.gguf"),
                ToyTrainer.Listener.NONE);
        String committed = CommittedZoo.manifest().entry("weak-e.gguf").orElseThrow().sha256();
        Optional<String> committedBuild = CommittedZoo.manifest().buildKey();
        String build = Path.of(Backend.info().libraryDirectory()).getFileName().toString();
        System.out.printf("weak-e retrained in %.1f s: sha256 %s (committed %s), build %s (committed %s)%n",
                report.wallSeconds(), report.sha256(), committed, build, committedBuild.orElse("?"));
        if (committedBuild.isPresent() && committedBuild.get().equals(build)) {
            assertEquals(committed, report.sha256(), "same build, same threads: the same bytes");
        } else {
            ZooEvaluation fresh = ZooEvaluator.run(List.of(new ZooEvaluator.NamedModel("weak-e", report.file())),
                    ToySplit.heldOut(), 1, false, line -> {});
            double then = CommittedEvaluation.get().accuracy("weak-e", ZooEvaluator.DEFAULT);
            double now = fresh.accuracy("weak-e", ZooEvaluator.DEFAULT);
            assertTrue(Math.abs(now - then) <= 0.05, "held-out accuracy " + now + " vs committed " + then);
        }
    }
}
