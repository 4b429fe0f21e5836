package xcot.methods;

/**
 * The plug-in point of the Ensemble condition: a sentence-level ensemble engine (PAPER-SPEC §9) that writes a CoT
 * for an item from several generator models, choosing each chunk by the evaluators' perplexity. The runner finds the
 * implementation with {@link java.util.ServiceLoader} (register it in
 * {@code META-INF/services/xcot.methods.EnsembleCotSource}), loads every participant model once for the ensemble
 * phase, calls {@link #start} once per generator/evaluator combination, then {@link EnsembleRun#cot} per item, and
 * inserts the result into every target (with and without answer) like a transferred CoT.
 */
public interface EnsembleCotSource {
    /** A short name for reports and cache keys; change it when the engine's output for the same input changes. */
    String name();

    /** Prepares a combination; the participants' models stay open until the returned run is closed. */
    EnsembleRun start(EnsembleSetup setup);

    /** One combination's engine state (contexts, KV caches); closes before the models. */
    interface EnsembleRun extends AutoCloseable {
        /** The ensemble CoT of one item. */
        EnsembleCot cot(EnsembleItem item);

        @Override
        void close();
    }
}
