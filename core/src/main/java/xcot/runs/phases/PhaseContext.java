package xcot.runs.phases;

import java.util.Map;
import java.util.Objects;
import xcot.methods.EnsembleCotSource;
import xcot.runs.plan.RunPlan;
import xcot.runs.results.CotResolver;
import xcot.runs.results.Results;
import xcot.runs.store.RunStore;

/**
 * What every phase of one run shares: the plan, the store, the results so far, who listens, the environment (the HTTP
 * answer remover reads its settings from it) and the ensemble engine.
 */
public record PhaseContext(RunPlan plan, RunStore store, Results results, PhaseListener listener,
                           Map<String, String> env, EnsembleCotSource ensembleEngine) {
    public PhaseContext {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(listener, "listener");
        env = Map.copyOf(env);
        Objects.requireNonNull(ensembleEngine, "ensembleEngine");
    }

    public CotResolver cots() {
        return new CotResolver(plan, results);
    }
}
