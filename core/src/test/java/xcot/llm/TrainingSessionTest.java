package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.tasks.toy.ToyVocabulary;

class TrainingSessionTest {
    @TempDir
    Path dir;

    @Test
    void theTrainingForwardMeasuresTheSameLossAsInference() {
        // The validation pass of an epoch runs the training graph forward only; its mean cross-entropy must equal
        // the one computed here from llama_decode's logits for the same windows and labels (same model, F32 cache).
        try (Model model = ToyFixture.loadForTraining(ToyFixture.untrained(dir));
                TrainingDataset dataset = TrainingDataset.create(4, 256, ToyVocabulary.SIZE)) {
            ToyFixture.fill(dataset, 11);
            double inference = inferenceLoss(model, dataset);
            AtomicInteger scheduleCalls = new AtomicInteger();
            List<Boolean> windows = new ArrayList<>();
            try (Context context = model.newContext(ContextOptions.forTraining(256, 2));
                    TrainingSession session = context.startTraining(step -> {
                        scheduleCalls.incrementAndGet();
                        return AdamW.withLearningRate(1e-3f);
                    }, (training, window, total, loss) -> windows.add(training))) {
                EpochResult r = session.epoch(dataset, 0);
                assertEquals(0, scheduleCalls.get(), "validation windows take no optimizer step");
                assertEquals(List.of(false, false, false, false), windows);
                assertEquals(4, r.validation().windows());
                assertTrue(Double.isNaN(r.train().lossNats()));
                assertEquals(inference, r.validation().lossNats(), 1e-4 * inference,
                        "training forward " + r.validation().lossNats() + " vs inference " + inference);
                assertTrue(r.validation().accuracy() >= 0 && r.validation().accuracy() <= 1);
            }
        }
    }

    @Test
    void takesOneOptimizerStepPerTrainingWindowAndLearns() {
        try (Model model = ToyFixture.loadForTraining(ToyFixture.untrained(dir));
                Context context = model.newContext(ContextOptions.forTraining(256, 2));
                TrainingDataset dataset = TrainingDataset.create(20, 256, ToyVocabulary.SIZE)) {
            List<Long> askedAt = new ArrayList<>();
            AtomicInteger trainingWindows = new AtomicInteger();
            TrainingSession session = context.startTraining(step -> {
                askedAt.add(step);
                return AdamW.withLearningRate(3e-3f);
            }, (training, window, total, loss) -> {
                if (training) {
                    trainingWindows.incrementAndGet();
                }
            });
            List<EpochResult> epochs = new ArrayList<>();
            for (int e = 0; e < 4; e++) {
                ToyFixture.fill(dataset, 100 + e);
                epochs.add(session.epoch(dataset, 15));
            }
            assertEquals(60, askedAt.size());
            for (int i = 0; i < askedAt.size(); i++) {
                assertEquals(i, askedAt.get(i), "the schedule is asked with the number of previous steps");
            }
            assertEquals(60, trainingWindows.get());
            assertEquals(60, epochs.getLast().optimizerSteps());
            assertEquals(60, session.optimizerSteps());
            double first = epochs.getFirst().validation().lossNats();
            double last = epochs.getLast().validation().lossNats();
            assertTrue(last < first * 0.7, "validation loss " + first + " -> " + last);
            assertTrue(epochs.getLast().tokensPerSecond() > 0);
        }
    }

    @Test
    void aFailingScheduleEndsTheEpochWithAnExceptionAndTheJvmLives() {
        try (Model model = ToyFixture.loadForTraining(ToyFixture.untrained(dir));
                Context context = model.newContext(ContextOptions.forTraining(256, 2));
                TrainingDataset dataset = TrainingDataset.create(6, 256, ToyVocabulary.SIZE)) {
            ToyFixture.fill(dataset, 1);
            // A learning rate of 0 makes ggml abort; AdamW refuses it in the schedule, inside the upcall.
            TrainingSession session = context.startTraining(step -> AdamW.withLearningRate(step < 3 ? 1e-3f : 0f),
                    (training, window, total, loss) -> {
                        throw new IllegalStateException("a broken progress display must not matter");
                    });
            TrainingException e = assertThrows(TrainingException.class, () -> session.epoch(dataset, 5));
            assertTrue(e.getMessage().startsWith("the learning-rate schedule failed at optimizer step 3:"),
                    e.getMessage());
            assertEquals(5, session.optimizerSteps(), "the epoch ran to its end");
            TrainingException again = assertThrows(TrainingException.class, () -> session.epoch(dataset, 5));
            assertTrue(again.getMessage().contains("start a new session"), again.getMessage());
        }
    }

    @Test
    void checksTheDatasetAgainstTheContext() {
        try (Model model = ToyFixture.loadForTraining(ToyFixture.untrained(dir));
                Context context = model.newContext(ContextOptions.forTraining(256, 1));
                TrainingSession session = context.startTraining(step -> AdamW.withLearningRate(1e-3f), null);
                TrainingDataset wrongLength = TrainingDataset.create(2, 128, ToyVocabulary.SIZE);
                TrainingDataset unfilled = TrainingDataset.create(2, 256, ToyVocabulary.SIZE)) {
            ToyFixture.fill(wrongLength, 1);
            assertThrows(IllegalArgumentException.class, () -> session.epoch(wrongLength, 1));
            assertThrows(IllegalStateException.class, () -> session.epoch(unfilled, 1));
            ToyFixture.fill(unfilled, 1);
            assertThrows(IllegalArgumentException.class, () -> session.epoch(unfilled, 3));
            assertEquals(0, session.optimizerSteps());
        }
    }

    @Test
    void datasetWindowsAreInputsAndLabelsShiftedByOne() {
        try (TrainingDataset dataset = TrainingDataset.create(2, 4, 10)) {
            dataset.setWindow(1, new int[] {9, 1, 2, 3, 4, 5, 6}, 1);
            assertEquals(List.of(1, 2, 3, 4), List.of(dataset.token(1, 0), dataset.token(1, 1), dataset.token(1, 2),
                    dataset.token(1, 3)));
            assertEquals(List.of(2, 3, 4, 5), List.of(dataset.label(1, 0), dataset.label(1, 1), dataset.label(1, 2),
                    dataset.label(1, 3)));
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> dataset.setWindow(0, new int[] {1, 2, 3, 4, 10}, 0));
            assertEquals("window 0: token id 10 at stream index 4 is outside the vocabulary [0, 10)", bad.getMessage());
            assertThrows(IllegalArgumentException.class, () -> dataset.setWindow(0, new int[] {1, 2, 3, 4}, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> dataset.setWindow(2, new int[] {1, 2, 3, 4, 5}, 0));
            assertTrue(!dataset.isFilled());
        }
    }

    @Test
    void savingToAnImpossiblePathThrowsInsteadOfFailingSilently() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        try (Model model = ToyFixture.loadForTraining(ToyFixture.untrained(dir))) {
            assertThrows(LlamaException.class, () -> model.saveTo(dir.resolve("a-file").resolve("m.gguf")));
            Path saved = dir.resolve("sub").resolve("saved.gguf");
            model.saveTo(saved);
            try (Model again = Model.load(saved, ModelOptions.defaults().withGpuLayers(0))) {
                assertEquals(model.parameterCount(), again.parameterCount());
            }
        }
    }

    /** Mean next-token cross-entropy (nats) of every window, from logits of one 256-token decode per window. */
    private static double inferenceLoss(Model model, TrainingDataset dataset) {
        ContextOptions options = ContextOptions.forTraining(256, 2);
        double sum = 0;
        int n = 0;
        try (Context context = model.newContext(options);
                Batch batch = context.newBatch(256, 1)) {
            for (int w = 0; w < dataset.windows(); w++) {
                context.memory().clear(true);
                batch.clear();
                for (int i = 0; i < 256; i++) {
                    batch.add(dataset.token(w, i), i, true, 0);
                }
                context.decode(batch);
                Logits logits = context.logits();
                for (int i = 0; i < 256; i++) {
                    float[] row = logits.row(i).toArray(java.lang.foreign.ValueLayout.JAVA_FLOAT);
                    double max = Double.NEGATIVE_INFINITY;
                    for (float x : row) {
                        max = Math.max(max, x);
                    }
                    double z = 0;
                    for (float x : row) {
                        z += Math.exp(x - max);
                    }
                    sum += -(row[dataset.label(w, i)] - max - Math.log(z));
                    n++;
                }
            }
        }
        return sum / n;
    }
}
