package xcot.formats;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One model's published answer to one Instruction Induction item.
 *
 * @param itemId         {@code task/id}, the item the entry's prompt is
 * @param model          the model that answered (Hugging Face id)
 * @param transcript     the decoded generation as published ({@code instruction_outputs}: prompt, CoT, answer)
 * @param answer         the answer xcot reads from the transcript: after the first end-of-thinking marker of the
 *                       model's family, stripped; the whole transcript when the family has no marker or it is absent
 * @param scoredText     the prediction the accuracy file scored ({@code predicted_instruction}), if it has one
 * @param storedAccuracy the accuracy file's score for this answer (BERTScore F1, best over the task's annotations)
 */
public record GenexInductionAnswer(String itemId, String model, String transcript, String answer,
        Optional<String> scoredText, OptionalDouble storedAccuracy) {
    public GenexInductionAnswer {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(scoredText, "scoredText");
        Objects.requireNonNull(storedAccuracy, "storedAccuracy");
    }

    /** The task part of {@link #itemId}. */
    public String task() {
        return itemId.substring(0, itemId.indexOf('/'));
    }
}
