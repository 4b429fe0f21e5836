package xcot.runs.results;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.methods.EnsembleCot;
import xcot.runs.plan.AttemptKey;
import xcot.runs.plan.EnsembleKey;
import xcot.runs.plan.RunPlan;

/**
 * What a run has produced so far, keyed as the plan names it: scored attempts, ensemble CoTs, and the sanitized text
 * of every CoT that lost its answer sentences. Filled phase by phase (computed or recalled from the store); later
 * phases read earlier phases' results from it. Not thread-safe: the runner owns it.
 */
public final class Results {
    private final Map<AttemptKey, AttemptRecord> attempts = new HashMap<>();
    private final Map<EnsembleKey, EnsembleCot> ensembleCots = new HashMap<>();
    private final Map<String, String> sanitized = new HashMap<>();

    public void put(AttemptKey key, AttemptRecord record) {
        attempts.put(key, record);
    }

    public AttemptRecord attempt(AttemptKey key) {
        AttemptRecord r = attempts.get(key);
        if (r == null) {
            throw new IllegalStateException("no result for " + key.slot() + " yet (the plan runs its phases in order)");
        }
        return r;
    }

    public Optional<AttemptRecord> find(AttemptKey key) {
        return Optional.ofNullable(attempts.get(key));
    }

    public void putEnsembleCot(EnsembleKey key, EnsembleCot cot) {
        ensembleCots.put(key, cot);
    }

    public EnsembleCot ensembleCot(EnsembleKey key) {
        EnsembleCot cot = ensembleCots.get(key);
        if (cot == null) {
            throw new IllegalStateException("no ensemble CoT for " + key + " yet");
        }
        return cot;
    }

    public void putSanitized(String input, String output) {
        sanitized.put(input, output);
    }

    public String sanitized(String input) {
        String out = sanitized.get(input);
        if (out == null) {
            throw new IllegalStateException("a CoT was not sanitized before it was inserted");
        }
        return out;
    }

    /** The exported records, in the plan's export order. */
    public List<Map.Entry<AttemptKey, AttemptRecord>> exported(RunPlan plan) {
        return plan.exportOrder().stream().map(k -> Map.entry(k, attempt(k))).toList();
    }
}
