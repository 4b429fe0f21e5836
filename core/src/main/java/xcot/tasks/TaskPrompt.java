package xcot.tasks;

import java.util.Objects;
import java.util.Optional;

/**
 * What a benchmark asks of a model for one item, before any model's prompt format is applied: an optional system
 * message and the user message (MedCalc: both; Instruction Induction: the user message only; the toy task: the raw
 * completion prompt as the user text). {@code xcot.profiles} renders it for a model family.
 */
public record TaskPrompt(Optional<String> system, String user) {
    public TaskPrompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
    }

    public static TaskPrompt of(String system, String user) {
        return new TaskPrompt(Optional.of(system), user);
    }

    public static TaskPrompt userOnly(String user) {
        return new TaskPrompt(Optional.empty(), user);
    }
}
