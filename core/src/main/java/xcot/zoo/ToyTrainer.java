package xcot.zoo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import xcot.fixtures.Downloads;
import xcot.fixtures.ModelShape;
import xcot.gguf.GgufMetadata;
import xcot.llm.Context;
import xcot.llm.ContextOptions;
import xcot.llm.EpochResult;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.llm.TrainingDataset;
import xcot.llm.TrainingException;
import xcot.llm.TrainingSession;
import xcot.tasks.toy.ToySplit;

/**
 * Trains one zoo model from scratch: writes the untrained F32 file ({@link InitialWeights}), loads it for training,
 * runs {@code epochs} epochs of freshly drawn windows ({@link TrainingWindows}) through llama.cpp's optimizer with
 * the warm-up/cosine schedule, saves, and rewrites the result with clean metadata and the recipe's storage
 * ({@link TrainedFile}). Everything but the final file lives in a scratch directory beside it that is removed at the
 * end. Given the same machine, library build and thread count, the output is the same bytes every time.
 */
public final class ToyTrainer {
    /** Metadata keys that record what a zoo file is (llama.cpp ignores them). */
    public static final String KEY_STYLES = "xcot.toy.styles";
    public static final String KEY_SEED = "xcot.toy.seed";
    public static final String KEY_STEPS = "xcot.toy.steps";

    private ToyTrainer() {}

    /**
     * Trains {@code model} with {@code recipe} into {@code out}.
     *
     * @param listener told about every epoch and window (e.g. a {@link ProgressBar}); may be {@link Listener#NONE}
     */
    public static TrainingReport train(ZooModel model, TrainingRecipe recipe, Path out, Listener listener)
            throws IOException {
        long start = System.nanoTime();
        ModelShape shape = model.shape(recipe);
        List<String> texts = TrainingWindows.texts(ToySplit.training(), model.styles());
        List<int[]> examples = TrainingWindows.examples(texts);
        Path work = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".train-" + model.name() + "-");
        try {
            Path untrained = work.resolve("untrained.gguf");
            GgufMetadata metadata = InitialWeights.metadata(shape, "xcot toy " + model.name(), recipe.vocabulary())
                    .putString(KEY_STYLES, model.styleNames())
                    .putU32(KEY_SEED, model.seed() & 0xFFFF_FFFFL)
                    .putU32(KEY_STEPS, model.steps(recipe))
                    .build();
            InitialWeights.write(shape, model.seed(), metadata, untrained);
            Path saved = work.resolve("saved.gguf");
            List<EpochResult> epochs = trainFile(model, recipe, untrained, saved, texts, examples, listener);
            TrainedFile.write(untrained, saved, recipe.storage(), out);
            return new TrainingReport(model, shape.parameterCount(), epochs, System.nanoTime() - start, out,
                    Downloads.sha256(out));
        } finally {
            deleteTree(work);
        }
    }

    private static List<EpochResult> trainFile(ZooModel model, TrainingRecipe recipe, Path untrained, Path saved,
            List<String> texts, List<int[]> examples, Listener listener) {
        ModelOptions loading = new ModelOptions(0, recipe.loading(), false);
        List<EpochResult> epochs = new ArrayList<>();
        try (Model m = Model.load(untrained, loading)) {
            checkTokenizer(m, texts, examples);
            try (Context context = m.newContext(ContextOptions.forTraining(recipe.contextTokens(), recipe.threads()))) {
                if (context.contextTokens() != recipe.contextTokens()) {
                    throw new TrainingException("llama.cpp made a window of " + context.contextTokens()
                            + " tokens, not " + recipe.contextTokens());
                }
                long steps = model.steps(recipe);
                TrainingWindows windows = new TrainingWindows(examples, context.contextTokens(), model.seed());
                try (TrainingSession session = context.startTraining(WarmupCosine.of(recipe, steps), listener);
                        TrainingDataset dataset = TrainingDataset.create(recipe.windowsPerEpoch(),
                                context.contextTokens(), m.vocab().size())) {
                    for (int e = 0; e < model.epochs(); e++) {
                        listener.epochStarting(e + 1, model.epochs());
                        for (int w = 0; w < dataset.windows(); w++) {
                            dataset.setWindow(w, windows.next(), 0);
                        }
                        EpochResult result = session.epoch(dataset, recipe.stepsPerEpoch());
                        epochs.add(result);
                        listener.epochDone(e + 1, model.epochs(), result);
                    }
                }
            }
            m.saveTo(saved);
        }
        return epochs;
    }

    /** The Java tokenization of the examples must be llama.cpp's, or the model would learn ids it never sees. */
    private static void checkTokenizer(Model model, List<String> texts, List<int[]> examples) {
        for (int i = 0; i < texts.size(); i++) {
            int[] expected = Arrays.copyOf(examples.get(i), examples.get(i).length - 1);
            int[] actual = model.vocab().tokenize(texts.get(i), true, false);
            if (!Arrays.equals(expected, actual)) {
                throw new TrainingException("llama.cpp tokenizes '" + texts.get(i) + "' as " + Arrays.toString(actual)
                        + ", the trainer as " + Arrays.toString(expected));
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the scratch directory " + dir, e);
        }
    }

    /** Hears about a training run as it goes; called on the training thread. */
    public interface Listener extends xcot.llm.TrainingProgress {
        Listener NONE = new Listener() {};

        default void epochStarting(int epoch, int epochs) {}

        default void epochDone(int epoch, int epochs, EpochResult result) {}

        @Override
        default void windowDone(boolean training, long window, long windows, double lossNats) {}
    }
}
