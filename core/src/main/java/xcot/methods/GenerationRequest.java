package xcot.methods;

import java.util.Objects;

/**
 * One call to a model.
 *
 * @param renderSpecial whether special tokens appear in the decoded text (the reference skips them in MedCalc, so
 *                      gpt-oss channel headers become words; Q3)
 */
public record GenerationRequest(PromptInput prompt, Budget budget, SamplingSpec sampling, Stage stage,
                                boolean renderSpecial) {
    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(stage, "stage");
    }
}
