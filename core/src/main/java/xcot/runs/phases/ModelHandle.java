package xcot.runs.phases;

import java.util.Optional;
import xcot.llm.Model;
import xcot.llm.Vocab;
import xcot.runs.plan.ResolvedModel;

/**
 * A model of the run, loaded on first use (a phase whose work is all in the store never loads it) and freed by
 * {@link #close()} at the end of the phase (which also closes the contexts made on it). Owns the model;
 * single-threaded.
 */
final class ModelHandle implements AutoCloseable {
    private final ResolvedModel resolved;
    private Model model;
    private Optional<String> bosText;

    ModelHandle(ResolvedModel resolved) {
        this.resolved = resolved;
    }

    ResolvedModel resolved() {
        return resolved;
    }

    boolean isLoaded() {
        return model != null;
    }

    Model model() {
        if (model == null) {
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

    @Override
    public void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
