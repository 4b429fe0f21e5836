package xcot.tasks;

import java.util.Objects;
import java.util.Optional;

/** Who answered under which condition: the labels a scored answer carries into records. */
public record AnswerLabel(String condition, String model, Optional<String> sourceModel) {
    public AnswerLabel {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sourceModel, "sourceModel");
    }
}
