package xcot.runs.phases;

/** Told what the phases do: progress bars and run timings listen. */
public interface PhaseListener extends GenerationListener {
    /** A step starts (its label, e.g. {@code own CoT, Qwen/QwQ-32B}). */
    void step(String label);

    /** One unit finished; {@code fromStore} when nothing was computed. */
    void unitDone(boolean fromStore);

    /** The phase waits for something outside the process (an endpoint's retry): one line, said as it starts. */
    default void waiting(String line) {}

    /**
     * The current step's batched generation so far: sequences in flight, tokens/s, time. Called after every computed
     * unit, from the thread that finished it (one at a time).
     */
    default void batchProgress(BatchedStepStats soFar) {}

    /** The step's batched generation is over (called only if it generated anything). */
    default void batchFinished(BatchedStepStats total) {}

    PhaseListener NONE = new PhaseListener() {
        @Override
        public void step(String label) {}

        @Override
        public void unitDone(boolean fromStore) {}

        @Override
        public void generated(int promptTokens, int newTokens, long decodeNanos, boolean fromStore) {}
    };
}
