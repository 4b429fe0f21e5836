package xcot.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import xcot.fixtures.ModelShape;
import xcot.tasks.toy.CotStyle;
import xcot.tasks.toy.ToySplit;
import xcot.zoo.InitialWeights;
import xcot.zoo.TrainingWindows;
import xcot.zoo.ZooConfig;
import xcot.zoo.ZooModel;

/** A very small untrained toy model (n_embd 32, one layer) and its training windows, for training-handle tests. */
final class ToyFixture {
    static final ZooModel MODEL = new ZooModel("tiny", List.of(CotStyle.PLAIN), 32, 1, 4, 5, 1);

    private ToyFixture() {}

    static ModelShape shape() {
        return MODEL.shape(ZooConfig.committed().recipe());
    }

    static Path untrained(Path dir) {
        Path file = dir.resolve("tiny-untrained.gguf");
        try {
            InitialWeights.write(shape(), MODEL.seed(), InitialWeights.metadata(shape(), "tiny",
                    ZooConfig.committed().recipe().vocabulary()).build(), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Model loadForTraining(Path file) {
        return Model.load(file, new ModelOptions(0, ModelOptions.Loading.READ, false));
    }

    /** Fills every window of {@code dataset} from a seeded stream of plain-style training examples. */
    static void fill(TrainingDataset dataset, long seed) {
        TrainingWindows windows = new TrainingWindows(TrainingWindows.examples(TrainingWindows.texts(
                ToySplit.training(), List.of(CotStyle.PLAIN))), dataset.windowTokens(), seed);
        for (int w = 0; w < dataset.windows(); w++) {
            dataset.setWindow(w, windows.next(), 0);
        }
    }
}
