package xcot.methods;

import java.util.List;

/**
 * What the runner needs of the Ensemble condition's engine: a sentence-level ensemble (docs/reference-pipeline.md §9)
 * that writes a CoT for an item from several generator models, choosing each chunk by the evaluators' perplexity. The
 * engine is {@link xcot.methods.ensemble.IncrementalEnsembleSource} ({@code xcot.runs.RunOptions#defaults}). The runner
 * loads every participant model once for the ensemble phase, calls {@link #start} once per generator/evaluator
 * combination, then {@link EnsembleRun#cots} per group of items (or {@link EnsembleRun#cot} per item), and inserts
 * the result into every target (with and without answer) like a transferred CoT.
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

        /**
         * The ensemble CoTs of a group of items (at most {@link EnsembleCapacity#itemsAtOnce()}), in item order,
         * computed together. They depend on the group (which items, in which order) and on nothing else: not on
         * groups before it nor on thread timing, so a plan that fixes the groups reproduces them, and a group is
         * stored whole or computed again whole. Without batching, one item after the other.
         */
        default List<EnsembleCot> cots(List<EnsembleItem> items) {
            return items.stream().map(this::cot).toList();
        }

        @Override
        void close();
    }
}
