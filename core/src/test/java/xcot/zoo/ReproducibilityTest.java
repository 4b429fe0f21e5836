package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.llm.Backend;
import xcot.tasks.toy.ToySplit;

/**
 * Retrains the cheapest committed model with the committed command's settings. On a machine whose llama.cpp build
 * (commit, patches, CPU features: the build key) matches the manifest's, the file must be byte-identical. Elsewhere
 * the kernels round differently and training takes another path, so the result is a fresh draw from the same
 * distribution, like another seed — which {@code CiTrainingTest} already checks (training learns) — so the test is
 * skipped there, saying which build it would need.
 */
class ReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void retrainingReproducesTheCommittedModel() throws Exception {
        ZooConfig zoo = ZooConfig.committed();
        ZooModel model = zoo.require("weak-e");
        String committed = CommittedZoo.manifest().entry("weak-e.gguf").orElseThrow().sha256();
        Optional<String> committedBuild = CommittedZoo.manifest().buildKey();
        String build = Path.of(Backend.info().libraryDirectory()).getFileName().toString();
        assumeTrue(committedBuild.isPresent() && committedBuild.get().equals(build), "the committed zoo was trained "
                + "with build " + committedBuild.orElse("?") + "; this machine's build is " + build
                + ": byte-identity is defined only on the same build");
        TrainingReport report = ToyTrainer.train(model, zoo.recipe(), dir.resolve("weak-e.gguf"),
                ToyTrainer.Listener.NONE);
        System.out.printf("weak-e retrained in %.1f s: sha256 %s (committed %s)%n", report.wallSeconds(),
                report.sha256(), committed);
        assertEquals(committed, report.sha256(), "same build, same threads: the same bytes");
    }
}
