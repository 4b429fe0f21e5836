package xcot.runs.phases;

import java.util.LinkedHashMap;
import java.util.Map;
import xcot.runs.plan.ResolvedModel;

/**
 * Where the phase executors get their model handles. A single-process run loads each model for one step and frees it
 * at the step's end ({@link #perStep}); a worker runs one claimed group of a step at a time and keeps the step's
 * models loaded for its next group of the same step ({@link #kept}); recalling results that are known to be stored
 * loads nothing ({@link #refused}). Single-threaded, like the handles.
 */
final class LoadedModels implements AutoCloseable {
    private final ModelHandle.Ownership ownership;
    private final Map<String, ModelHandle> kept = new LinkedHashMap<>();

    private LoadedModels(ModelHandle.Ownership ownership) {
        this.ownership = ownership;
    }

    static LoadedModels perStep() {
        return new LoadedModels(ModelHandle.Ownership.PHASE);
    }

    static LoadedModels kept() {
        return new LoadedModels(ModelHandle.Ownership.KEPT);
    }

    static LoadedModels refused() {
        return new LoadedModels(ModelHandle.Ownership.LOAD_REFUSED);
    }

    /** A handle of {@code m}; the phase closes it when its step ends (which frees it unless it is kept). */
    ModelHandle open(ResolvedModel m) {
        if (ownership != ModelHandle.Ownership.KEPT) {
            return new ModelHandle(m, ownership);
        }
        return kept.computeIfAbsent(m.name(), name -> new ModelHandle(m, ownership));
    }

    /** Frees every kept model (and its context). */
    @Override
    public void close() {
        kept.values().forEach(ModelHandle::free);
        kept.clear();
    }
}
