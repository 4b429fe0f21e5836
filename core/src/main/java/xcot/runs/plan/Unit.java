package xcot.runs.plan;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import xcot.methods.SamplingSpec;
import xcot.runs.config.EnsembleConfig;
import xcot.tasks.BenchmarkItem;

/** One piece of work of a run, fixed by the plan before anything runs. */
public sealed interface Unit {
    /** The phase that executes it. */
    Phase phase();

    /**
     * One model answers one item: writing its own CoT ({@code cot} empty) or after an inserted CoT, scored and stored
     * as one record.
     *
     * @param open           the inserted CoT is left open for the model to finish (a corrupted first step)
     * @param sourceIsGptOss the inserted CoT came from gpt-oss (the reference keys an answer cut on it)
     * @param exported       the record is part of the run's outputs (a Default CoT made only as a transfer source is
     *                       not)
     */
    record Attempt(Phase phase, AttemptKey key, BenchmarkItem item, Optional<CotRef> cot, boolean open,
                   boolean sourceIsGptOss, SamplingSpec sampling, OptionalLong seed, boolean exported)
            implements Unit {
        public Attempt {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(cot, "cot");
            Objects.requireNonNull(sampling, "sampling");
            Objects.requireNonNull(seed, "seed");
            if (open && cot.isEmpty()) {
                throw new IllegalArgumentException("an open insertion needs an inserted CoT");
            }
        }
    }

    /** An ensemble combination writes one item's CoT. */
    record Ensemble(EnsembleConfig combination, BenchmarkItem item) implements Unit {
        public Ensemble {
            Objects.requireNonNull(combination, "combination");
            Objects.requireNonNull(item, "item");
        }

        @Override
        public Phase phase() {
            return Phase.ENSEMBLE;
        }

        public EnsembleKey key() {
            return new EnsembleKey(combination.label(), item.id());
        }
    }

    /** One CoT loses its answer sentences. */
    record AnswerRemoval(CotRef input) implements Unit {
        public AnswerRemoval {
            Objects.requireNonNull(input, "input");
        }

        @Override
        public Phase phase() {
            return Phase.ANSWER_REMOVAL;
        }
    }
}
