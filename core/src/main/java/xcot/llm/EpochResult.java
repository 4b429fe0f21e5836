package xcot.llm;

/**
 * What one {@link TrainingSession#epoch} measured, as ggml's optimizer results report it.
 *
 * @param train          the training windows (the weights changed after each)
 * @param validation     the held-back windows (forward only)
 * @param optimizerSteps optimizer steps of the session after this epoch
 * @param elapsedNanos   wall time of the epoch
 * @param windowTokens   tokens per window
 */
public record EpochResult(Pass train, Pass validation, long optimizerSteps, long elapsedNanos, int windowTokens) {

    /**
     * One pass over windows. Loss is the mean next-token cross-entropy over the pass's windows; accuracy is the
     * share of tokens whose argmax is the label. Both are NaN for a pass of no windows.
     *
     * @param lossUncertaintyNats standard error of the mean window loss (NaN below two windows)
     */
    public record Pass(int windows, double lossNats, double lossUncertaintyNats, double accuracy,
            double accuracyUncertainty) {}

    /** Tokens through the model per second, training and validation together. */
    public double tokensPerSecond() {
        long tokens = (long) (train.windows() + validation.windows()) * windowTokens;
        return elapsedNanos == 0 ? 0 : tokens * 1e9 / elapsedNanos;
    }
}
