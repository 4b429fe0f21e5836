package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.tasks.toy.ToySplit;

/**
 * Every build trains a model from scratch through the whole path (initial weights, llama.cpp's optimizer driven
 * from Java, save, clean metadata, F16) and checks that it learned: the training path is exercised, not just its
 * committed output. The CI model of zoo.yaml takes about 30 s on two idle cores.
 */
class CiTrainingTest {
    /** The untrained loss is about ln(305) = 5.7 nats; the irreducible floor (random prompt digits) about 0.27. */
    static final double MAX_FINAL_TRAIN_LOSS = 0.40;
    static final double MIN_HELD_OUT_ACCURACY = 0.5;

    @TempDir
    Path dir;

    @Test
    void trainsTheCiModelFromScratchAndItLearns() throws Exception {
        ZooConfig zoo = ZooConfig.committed();
        ZooModel model = zoo.ciModel();
        StringWriter progress = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(progress), false, model, zoo.recipe());
        TrainingReport report = ToyTrainer.train(model, zoo.recipe(), dir.resolve("ci.gguf"), bar);
        System.out.print(progress);
        ZooEvaluation e = ZooEvaluator.run(List.of(new ZooEvaluator.NamedModel(model.name(), report.file())),
                ToySplit.heldOut(), 1, false, line -> {});
        double accuracy = e.accuracy(model.name(), ZooEvaluator.DEFAULT);
        double loss = report.lastEpoch().train().lossNats();
        System.out.printf("CI model %s: %d steps in %.1f s, final train loss %.4f, held-out accuracy %.3f%n",
                model.name(), report.steps(), report.wallSeconds(), loss, accuracy);
        assertEquals(model.steps(zoo.recipe()), report.steps());
        assertEquals(model.epochs(), progress.toString().lines().count(), "one progress line per epoch");
        assertTrue(report.epochs().getFirst().train().lossNats() > 1.0, "it starts untrained");
        assertTrue(loss < MAX_FINAL_TRAIN_LOSS, "final train loss " + loss);
        assertTrue(accuracy >= MIN_HELD_OUT_ACCURACY, "held-out accuracy " + accuracy);
        assertEquals(1.0, e.wellFormed(model.name()));
    }
}
