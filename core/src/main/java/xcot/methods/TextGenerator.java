package xcot.methods;

/**
 * A model that generates: the seam between the CoT conditions (pure Java, testable with a scripted fake) and the
 * loaded model with its generation cache ({@code xcot.runs}).
 */
public interface TextGenerator {
    /** Runs (or recalls) one generation. */
    Generated generate(GenerationRequest request);
}
