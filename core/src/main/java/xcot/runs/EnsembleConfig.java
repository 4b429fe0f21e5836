package xcot.runs;

import java.util.List;

/** One ensemble combination by model names: generators (the first decides when the CoT ends) and evaluators. */
public record EnsembleConfig(List<String> generators, List<String> evaluators) {
    public EnsembleConfig {
        generators = List.copyOf(generators);
        evaluators = List.copyOf(evaluators);
    }

    /** {@code a+b / c}, the combination's name in records (spaces around the slash: model names may contain one). */
    public String label() {
        return String.join("+", generators) + " / " + String.join("+", evaluators);
    }
}
