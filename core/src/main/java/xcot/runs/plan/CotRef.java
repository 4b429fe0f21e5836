package xcot.runs.plan;

import java.util.Objects;

/**
 * Where the chain of thought a unit inserts (or sanitizes) comes from: named by the units that produce it, so the plan
 * is fixed before anything runs and the text is resolved only when its phase executes.
 */
public sealed interface CotRef {
    /** The empty thinking block of the Empty condition. */
    record Empty() implements CotRef {}

    /** The CoT an own-CoT attempt wrote (Default or Sampled). */
    record Thinking(AttemptKey own) implements CotRef {
        public Thinking {
            Objects.requireNonNull(own, "own");
        }
    }

    /**
     * A source's Default CoT as a transfer into {@code target} inserts it: its thinking, unless the benchmark's
     * reference quirk re-parses the source's output with the target's markers.
     */
    record Transfer(AttemptKey sourceDefault, String target) implements CotRef {
        public Transfer {
            Objects.requireNonNull(sourceDefault, "sourceDefault");
            Objects.requireNonNull(target, "target");
        }
    }

    /** An ensemble's CoT, as it is inserted; none when the ensemble yields none (the target then writes its own). */
    record Ensemble(EnsembleKey key) implements CotRef {
        public Ensemble {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Another CoT with its answer sentences removed. */
    record Sanitized(CotRef of) implements CotRef {
        public Sanitized {
            Objects.requireNonNull(of, "of");
        }
    }

    /** The benchmark's corruption {@code corruption} written in the notation of a source's Default CoT. */
    record Corrupted(String corruption, AttemptKey sourceDefault) implements CotRef {
        public Corrupted {
            Objects.requireNonNull(corruption, "corruption");
            Objects.requireNonNull(sourceDefault, "sourceDefault");
        }
    }
}
