package xcot.llm;

/**
 * Plain-Java source of the optimizer's hyper-parameters, asked once per optimizer step (once per training window),
 * never for validation windows. Called from native code on the thread that runs {@link TrainingSession#epoch}: an
 * exception does not cross into llama.cpp but ends the epoch's result with a {@link TrainingException}.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /**
     * The hyper-parameters for the optimizer step that follows {@code previousSteps} earlier steps of this session.
     */
    AdamW at(long previousSteps);
}
