package xcot.methods;

import java.util.List;
import java.util.Objects;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;

/**
 * One generator/evaluator combination (e.g. QwQ+DAPO / OSS). The first generator's context decides when the CoT ends
 * ({@code </think>}) and is what the reference saves.
 *
 * @param kind     the benchmark protocol (MedCalc and Instruction Induction use different length caps)
 * @param flags    the reference flags (Q11–Q19 concern the ensemble)
 * @param capacity how many items the combination's contexts hold at once
 */
public record EnsembleSetup(List<EnsembleParticipant> generators, List<EnsembleParticipant> evaluators,
                            BenchmarkKind kind, Quirks flags, EnsembleCapacity capacity) {
    public EnsembleSetup {
        generators = List.copyOf(generators);
        evaluators = List.copyOf(evaluators);
        if (generators.isEmpty() || evaluators.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one generator and one evaluator");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(capacity, "capacity");
    }

    /** One item at a time. */
    public EnsembleSetup(List<EnsembleParticipant> generators, List<EnsembleParticipant> evaluators,
                         BenchmarkKind kind, Quirks flags) {
        this(generators, evaluators, kind, flags, EnsembleCapacity.ONE_ITEM);
    }

    /** The combination's name, {@code generators / evaluators}, e.g. {@code qwq+dapo / oss}. */
    public String label() {
        return String.join("+", generators.stream().map(EnsembleParticipant::name).toList()) + " / "
                + String.join("+", evaluators.stream().map(EnsembleParticipant::name).toList());
    }
}
