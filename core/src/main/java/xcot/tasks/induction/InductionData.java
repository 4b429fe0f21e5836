package xcot.tasks.induction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import xcot.io.Utf8Lines;

/**
 * The Instruction Induction data shipped in the jar ({@code xcot/data/instruction-induction/}): the paper's 20 tasks
 * with their items ({@code paper_items.json}, the one place that lists them), the induction prompts and the gold
 * annotations.
 */
public final class InductionData {
    private static final String ROOT = "/xcot/data/instruction-induction/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InductionData() {}

    /** The 20 tasks in the paper's order, each with its 5 item ids. */
    public static List<InductionTask> tasks() {
        List<InductionTask> tasks = new ArrayList<>();
        for (JsonNode task : read("paper_items.json").get("tasks")) {
            List<String> ids = new ArrayList<>();
            task.get("items").forEach(id -> ids.add(id.textValue()));
            tasks.add(new InductionTask(task.get("task").textValue(), task.get("origin").textValue(), ids));
        }
        return List.copyOf(tasks);
    }

    /** All 100 items, task by task in paper order. */
    public static List<InductionItem> items() {
        List<InductionItem> items = new ArrayList<>();
        for (InductionTask task : tasks()) {
            JsonNode examples = read("induction_input/" + task.name() + ".json").get("examples");
            for (String id : task.itemIds()) {
                JsonNode example = examples.get(id);
                if (example == null) {
                    throw new IllegalStateException("induction_input/" + task.name() + ".json has no example " + id);
                }
                items.add(new InductionItem(task.name(), id, example.get("input").textValue(),
                        example.get("metadata").get("examples_seen").textValue()));
            }
        }
        return List.copyOf(items);
    }

    /** Number of induction prompts the task's file holds (100 for the originals, 15 for the added tasks). */
    public static int promptCount(String task) {
        return read("induction_input/" + task + ".json").get("examples").size();
    }

    /** The gold human-written instructions of a task. */
    public static List<String> annotations(String task) {
        List<String> annotations = new ArrayList<>();
        read("annotations/" + task + ".json").get("annotations").forEach(a -> annotations.add(a.textValue()));
        return List.copyOf(annotations);
    }

    private static JsonNode read(String path) {
        try {
            return JSON.readTree(Utf8Lines.readResource(ROOT + path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
