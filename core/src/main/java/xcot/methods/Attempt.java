package xcot.methods;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One model's answer to one item under one condition, before scoring.
 *
 * @param promptText   what the model was given: rendered prompt plus opening marker or inserted CoT (and
 *                     Instruction Induction's answer suffix)
 * @param continuation everything generated, with any closing marker and answer suffix appended between passes
 * @param insertedCot  the CoT that was inserted; empty when the model wrote its own
 * @param thinking     the CoT this attempt produced, extracted as the benchmark extracts it (MedCalc's
 *                     {@code LLM Thinking}); what a transfer from this model inserts
 * @param passes       the generation passes, in order
 */
public record Attempt(String promptText, String continuation, Optional<String> insertedCot, String thinking,
                      List<Pass> passes) {
    public Attempt {
        Objects.requireNonNull(promptText, "promptText");
        Objects.requireNonNull(continuation, "continuation");
        Objects.requireNonNull(insertedCot, "insertedCot");
        Objects.requireNonNull(thinking, "thinking");
        passes = List.copyOf(passes);
    }

    public String fullText() {
        return promptText + continuation;
    }

    public int generatedTokens() {
        return passes.stream().mapToInt(Pass::generatedTokens).sum();
    }
}
