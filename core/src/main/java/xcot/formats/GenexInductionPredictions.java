package xcot.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import xcot.io.InputProblem;
import xcot.profiles.ModelFamily;
import xcot.profiles.ThinkingFormat;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.induction.InductionData;
import xcot.tasks.induction.InductionItem;
import xcot.tasks.induction.InductionScoring;
import xcot.tasks.induction.InductionTask;

/**
 * Reads one prediction directory: per task, {@code <task>_execution.json} (the generations) and
 * {@code <task>_with_scores.json} (the same entries with the accuracy scoring), each a JSON object keyed by the
 * reference's entry key (the item id, or the position 0–4 in ensemble directories). Entries are matched to items by
 * their prompt ({@code instruction}), as the reference's accuracy scoring does, so both keyings read the same.
 */
final class GenexInductionPredictions {
    /** One directory's answers, and per task which entry key holds which item (comparison files use the keys). */
    record Read(List<GenexInductionAnswer> answers, Map<String, Map<String, String>> itemOfKeyByTask) {}

    private record Entry(String key, String prompt, String transcript) {}

    private record Scored(String key, String prompt, Optional<String> predicted, double score) {}

    private GenexInductionPredictions() {}

    static Read read(GenexInductionDirectory dir, List<InputProblem> problems) {
        String marker = answerMarker(dir.model());
        List<GenexInductionAnswer> answers = new ArrayList<>();
        Map<String, Map<String, String>> itemOfKeyByTask = new HashMap<>();
        Map<String, List<InductionItem>> itemsByTask = new LinkedHashMap<>();
        InductionData.items().forEach(i -> itemsByTask.computeIfAbsent(i.task(), t -> new ArrayList<>()).add(i));
        for (InductionTask task : InductionData.tasks()) {
            Path execution = dir.path().resolve(task.name() + "_execution.json");
            Path scores = dir.path().resolve(task.name() + "_with_scores.json");
            if (!Files.isRegularFile(execution) && !Files.isRegularFile(scores)) {
                problems.add(new InputProblem(execution.toString(), 0, "missing (and no " + scores.getFileName()
                        + "): the model has no answers to task " + task.name()));
                continue;
            }
            Map<String, String> itemOfPrompt = new HashMap<>();
            itemsByTask.get(task.name()).forEach(i -> itemOfPrompt.put(i.prompt(), i.itemId()));
            Map<String, Entry> entries = entries(Files.isRegularFile(execution) ? execution : scores, itemOfPrompt,
                    problems);
            Map<String, Scored> scored = Files.isRegularFile(scores) ? scored(scores, itemOfPrompt, problems) : Map.of();
            Map<String, String> itemOfKey = new HashMap<>();
            entries.forEach((item, e) -> itemOfKey.put(e.key(), item));
            itemOfKeyByTask.put(task.name(), itemOfKey);
            for (InductionItem item : itemsByTask.get(task.name())) {
                Entry entry = entries.get(item.itemId());
                if (entry == null) {
                    problems.add(new InputProblem(execution.toString(), 0, "no entry holds the prompt of item "
                            + item.itemId() + "; the model has no answer to it"));
                    continue;
                }
                Scored score = scored.get(item.itemId());
                answers.add(new GenexInductionAnswer(item.itemId(), dir.model(), entry.transcript(),
                        InductionScoring.extractAnswer(entry.transcript(), marker),
                        score == null ? Optional.empty() : score.predicted(),
                        score == null ? OptionalDouble.empty() : OptionalDouble.of(score.score())));
            }
        }
        return new Read(answers, itemOfKeyByTask);
    }

    /**
     * Where the model's answer starts: its family's end-of-thinking marker, the family told from the model id as the
     * reference tells it ({@link ModelFamily#ofReferenceName}); none (the whole output) for an unknown family.
     */
    static String answerMarker(String model) {
        return ModelFamily.ofReferenceName(model)
                .map(f -> ThinkingFormat.of(f, BenchmarkKind.INDUCTION, Quirks.none()).answerStart())
                .orElse("");
    }

    /** The entries whose prompt is one of the task's items, by item id; a later entry for an item wins. */
    private static Map<String, Entry> entries(Path file, Map<String, String> itemOfPrompt, List<InputProblem> problems) {
        Map<String, Entry> byItem = new HashMap<>();
        Optional<ObjectNode> object = JsonFiles.object(file, problems);
        if (object.isEmpty()) {
            return byItem;
        }
        for (Map.Entry<String, JsonNode> field : object.get().properties()) {
            if (!field.getValue().isObject()) {
                continue;
            }
            try {
                String prompt = required(field.getValue(), "instruction");
                String transcript = required(field.getValue(), "instruction_outputs");
                String item = itemOfPrompt.get(prompt);
                if (item != null) {
                    Entry before = byItem.put(item, new Entry(field.getKey(), prompt, transcript));
                    if (before != null) {
                        problems.add(new InputProblem(file.toString(), 0, "entries " + before.key() + " and "
                                + field.getKey() + " both hold item " + item + "; the later one is read, as the "
                                + "reference reads it"));
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add(new InputProblem(file.toString(), 0, "entry " + field.getKey() + ": " + e.getMessage()
                        + " (entry skipped)"));
            }
        }
        return byItem;
    }

    private static Map<String, Scored> scored(Path file, Map<String, String> itemOfPrompt, List<InputProblem> problems) {
        Map<String, Scored> byItem = new HashMap<>();
        Optional<ObjectNode> object = JsonFiles.object(file, problems);
        if (object.isEmpty()) {
            return byItem;
        }
        for (Map.Entry<String, JsonNode> field : object.get().properties()) {
            JsonNode value = field.getValue();
            if (!value.isObject() || !value.has("score")) {
                continue;
            }
            try {
                String prompt = required(value, "instruction");
                String item = itemOfPrompt.get(prompt);
                if (item != null) {
                    byItem.put(item, new Scored(field.getKey(), prompt,
                            Optional.ofNullable(JsonLines.text(value, "predicted_instruction")),
                            JsonFiles.number(value, "score")));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new InputProblem(file.toString(), 0, "entry " + field.getKey() + ": " + e.getMessage()
                        + " (its stored accuracy is not read)"));
            }
        }
        return byItem;
    }

    private static String required(JsonNode object, String field) {
        String text = JsonLines.text(object, field);
        if (text == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return text;
    }
}
