package xcot.zoo;

import java.nio.file.Path;
import java.util.List;
import xcot.llm.EpochResult;

/**
 * What training one zoo model did.
 *
 * @param parameterCount weights in the model (all tensors, the untrained {@code token_embd} included)
 * @param wallNanos      everything: writing, loading, training, saving, rewriting
 * @param file           the finished file
 * @param sha256         its hex digest
 */
public record TrainingReport(ZooModel model, long parameterCount, List<EpochResult> epochs, long wallNanos,
        Path file, String sha256) {
    public TrainingReport {
        epochs = List.copyOf(epochs);
    }

    public long steps() {
        return epochs.isEmpty() ? 0 : epochs.getLast().optimizerSteps();
    }

    public EpochResult lastEpoch() {
        return epochs.getLast();
    }

    public double wallSeconds() {
        return wallNanos / 1e9;
    }
}
