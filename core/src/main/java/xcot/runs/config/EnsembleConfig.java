package xcot.runs.config;

import java.util.List;

/**
 * One ensemble combination by model names: generators (the first decides when the CoT ends) and evaluators.
 *
 * @param itemsAtOnce items whose ensembles advance together (the plan's fixed groups); 1 = one item at a time
 */
public record EnsembleConfig(List<String> generators, List<String> evaluators, int itemsAtOnce) {
    public EnsembleConfig {
        generators = List.copyOf(generators);
        evaluators = List.copyOf(evaluators);
        if (itemsAtOnce < 1) {
            throw new IllegalArgumentException("itemsAtOnce must be >= 1, not " + itemsAtOnce);
        }
    }

    /** One item at a time. */
    public EnsembleConfig(List<String> generators, List<String> evaluators) {
        this(generators, evaluators, 1);
    }

    /** {@code a+b / c}, the combination's name in records (spaces around the slash: model names may contain one). */
    public String label() {
        return String.join("+", generators) + " / " + String.join("+", evaluators);
    }

    /** Every participant once, generators first, in config order: the models the combination loads. */
    public List<String> participants() {
        return List.copyOf(new java.util.LinkedHashSet<>(java.util.stream.Stream.concat(generators.stream(),
                evaluators.stream()).toList()));
    }
}
