package xcot.tasks;

import java.util.Objects;

/** One item of a benchmark: its id in records (MedCalc: the Row Number; induction: {@code task/id}) and its prompt. */
public record BenchmarkItem(String id, TaskPrompt prompt) {
    public BenchmarkItem {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("item id must not be blank");
        }
        Objects.requireNonNull(prompt, "prompt");
    }
}
