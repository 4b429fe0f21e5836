package xcot.llm;

/**
 * Told after each window of a {@link TrainingSession#epoch}, on the thread that runs the epoch; for progress bars.
 * Exceptions are swallowed (they must not cross into native code), so keep it simple.
 */
@FunctionalInterface
public interface TrainingProgress {
    /**
     * @param training    true for a training window, false for a validation window
     * @param window      windows of this pass done so far (1-based)
     * @param windows     windows in this pass
     * @param lossNats    mean loss of this pass so far, in nats per token
     */
    void windowDone(boolean training, long window, long windows, double lossNats);
}
