package xcot.runs.phases;

import java.util.Optional;
import xcot.llm.Model;
import xcot.llm.Vocab;
import xcot.runs.plan.ResolvedModel;

/**
 * A model of the run, loaded on first use (a phase whose work is all in the store never loads it) and freed by
 * {@link #close()} at the end of the phase. Owns the model (the batched contexts on it are the phases' own, closed
 * before it); single-threaded. A handle that
 * {@link LoadedModels} keeps between a worker's groups ignores the phase's {@code close()} and is freed by
 * {@link #free()}; one that must not load (recalling results that are known to be stored) refuses to.
 */
final class ModelHandle implements AutoCloseable {
    /** Who frees the model, and whether it may be loaded at all. */
    enum Ownership { PHASE, KEPT, LOAD_REFUSED }

    private final ResolvedModel resolved;
    private final Ownership ownership;
    private Model model;
    private Optional<String> bosText;

    ModelHandle(ResolvedModel resolved) {
        this(resolved, Ownership.PHASE);
    }

    ModelHandle(ResolvedModel resolved, Ownership ownership) {
        this.resolved = resolved;
        this.ownership = ownership;
    }

    ResolvedModel resolved() {
        return resolved;
    }

    boolean isLoaded() {
        return model != null;
    }

    Model model() {
        if (model == null) {
            if (ownership == Ownership.LOAD_REFUSED) {
                throw new IllegalStateException("model '" + resolved.name() + "' would have to run to recall results"
                        + " that should be in the store: a unit marked done lacks some of its results");
            }
            model = Model.load(resolved.path(), resolved.config().modelOptions());
        }
        return model;
    }

    Vocab vocab() {
        return model().vocab();
    }

    /** The BOS token's text, for the one-BOS rule (Q2). */
    Optional<String> bosText() {
        if (bosText == null) {
            int bos = vocab().bos();
            bosText = bos >= 0 ? Optional.of(vocab().text(bos)) : Optional.empty();
        }
        return bosText;
    }

    /** Frees the model at the end of a phase, unless {@link LoadedModels} keeps it. */
    @Override
    public void close() {
        if (ownership != Ownership.KEPT) {
            free();
        }
    }

    /** Frees the model; the next use loads it again. */
    void free() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
