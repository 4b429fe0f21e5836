package xcot.runs;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import xcot.methods.GenerationSetup;
import xcot.methods.SamplingSpec;
import xcot.tasks.BenchmarkItem;

/**
 * One attempt to make: which model answers which item, under which condition label, with which inserted CoT (empty:
 * the model writes its own), sampling and set-up. Its {@link #key()} covers every input, so a changed input is a new
 * attempt and an unchanged one is found in the store.
 *
 * @param label       the condition name in records
 * @param source      the record's source (transfer source, ensemble combination, or the model itself for a
 *                    self-transfer)
 * @param sourceIsGptOss the inserted CoT came from gpt-oss (the reference's Q4 keys on it)
 * @param openInsertion  the inserted CoT is left open for the model to continue
 *                       ({@link xcot.methods.CotGeneration#continued}) instead of closed like a transferred CoT
 */
record AttemptSpec(ResolvedModel model, BenchmarkItem item, String label, Optional<String> source,
                   boolean sourceIsGptOss, Optional<String> insertedCot, SamplingSpec sampling, OptionalLong seed,
                   GenerationSetup setup, boolean openInsertion) {
    AttemptSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(insertedCot, "insertedCot");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(setup, "setup");
        if (openInsertion && insertedCot.isEmpty()) {
            throw new IllegalArgumentException("an open insertion needs an inserted CoT");
        }
    }

    /** An own CoT, or an inserted CoT closed like a transferred one. */
    AttemptSpec(ResolvedModel model, BenchmarkItem item, String label, Optional<String> source, boolean sourceIsGptOss,
            Optional<String> insertedCot, SamplingSpec sampling, OptionalLong seed, GenerationSetup setup) {
        this(model, item, label, source, sourceIsGptOss, insertedCot, sampling, seed, setup, false);
    }

    String key(String benchmark) {
        ModelConfig c = model.config();
        return Hashing.of("attempt-v1", model.sha256(), benchmark, item.id(), label, source.orElse("-"),
                Boolean.toString(sourceIsGptOss), insertedCot.map(cot -> (openInsertion ? "open:" : "") + Hashing.of(cot))
                        .orElse("own-cot"), sampling.key(),
                setup.profile().family().id(), setup.kind().name(), setup.budgets().toString(),
                setup.render().harmonyDate().toString(), setup.render().reasoningEffort(),
                String.join(",", setup.flags().enabled()), item.prompt().system().orElse("-"), item.prompt().user(),
                c.grammar().orElse("-"), Integer.toString(c.contextTokens()), Integer.toString(c.gpuLayers()));
    }

    /** A readable slot name for the store. */
    String slot() {
        return label + "|" + model.name() + "|" + source.orElse("-") + "|" + item.id();
    }
}
