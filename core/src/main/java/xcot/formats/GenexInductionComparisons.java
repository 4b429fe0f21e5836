package xcot.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import xcot.io.InputFiles;
import xcot.io.InputProblem;
import xcot.tasks.induction.InductionData;
import xcot.tasks.induction.InductionTask;

/**
 * Reads one directory of pairwise consistency files, {@code <task>_bert_comparison_<model1>_vs_<model2>.json}: a JSON
 * object keyed by the entry keys of the two models' execution files, each entry holding both answers
 * ({@code model1_output}, {@code model2_output}) and the stored similarity ({@code bert_score}). The directory's
 * {@code summary_bert_comparison_*.json} files are per-pair aggregates, not rows, and are not read. A key is resolved to
 * its item through the first model's execution file, so position-keyed (ensemble) files read like id-keyed ones.
 */
final class GenexInductionComparisons {
    static final String MARK = "_bert_comparison_";
    private static final String SUMMARY = "summary" + MARK;
    private static final Pattern NAME = Pattern.compile("(.+?)" + MARK + "(.+)_vs_(.+)\\.json");

    private GenexInductionComparisons() {}

    /** Whether {@code dir} holds comparison files (rather than predictions). */
    static boolean isComparisonDirectory(Path dir) {
        return files(dir).stream().anyMatch(f -> NAME.matcher(f.getFileName().toString()).matches());
    }

    /**
     * @param itemOfKey per model, per task, the item each execution-file key holds
     */
    static List<GenexInductionComparison> read(Path dir, Map<String, Map<String, Map<String, String>>> itemOfKey,
            List<InputProblem> problems) {
        Set<String> tasks = new HashSet<>(InductionData.tasks().stream().map(InductionTask::name).toList());
        Set<String> seen = new HashSet<>();
        List<GenexInductionComparison> rows = new ArrayList<>();
        for (Path file : files(dir)) {
            String name = file.getFileName().toString();
            Matcher m = NAME.matcher(name);
            if (name.startsWith(SUMMARY) || !m.matches()) {
                continue;
            }
            if (!tasks.contains(m.group(1))) {
                problems.add(new InputProblem(file.toString(), 0, "task '" + m.group(1)
                        + "' is not one of the paper's 20 (file skipped)"));
                continue;
            }
            Optional<ObjectNode> object = JsonFiles.object(file, problems);
            if (object.isEmpty()) {
                continue;
            }
            try {
                String modelA = model(object.get(), "model1_name", m.group(2));
                String modelB = model(object.get(), "model2_name", m.group(3));
                for (String model : List.of(modelA, modelB)) {
                    if (!itemOfKey.containsKey(model)) {
                        throw new IllegalArgumentException("compares " + model
                                + ", which no given prediction directory holds");
                    }
                }
                rows(file, m.group(1), modelA, modelB, object.get(), itemOfKey, seen, rows, problems);
            } catch (IllegalArgumentException e) {
                problems.add(new InputProblem(file.toString(), 0, e.getMessage() + " (file skipped)"));
            }
        }
        return rows;
    }

    private static void rows(Path file, String task, String modelA, String modelB, ObjectNode object,
            Map<String, Map<String, Map<String, String>>> itemOfKey, Set<String> seen,
            List<GenexInductionComparison> rows, List<InputProblem> problems) {
        Map<String, String> itemsA = itemOfKey.get(modelA).getOrDefault(task, Map.of());
        Map<String, String> itemsB = itemOfKey.get(modelB).getOrDefault(task, Map.of());
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode row = field.getValue();
            if (!row.isObject() || !row.has("bert_score")) {
                continue;
            }
            String key = field.getKey();
            String item = itemsA.get(key);
            if (item == null || !item.equals(itemsB.get(key))) {
                problems.add(new InputProblem(file.toString(), 0, "entry " + key + ": "
                        + (item == null ? "no item of " + modelA + "'s predictions has this key"
                                : modelB + "'s predictions hold another item under this key")
                        + " (row skipped)"));
                continue;
            }
            String pair = item + "|" + (modelA.compareTo(modelB) < 0 ? modelA + "|" + modelB : modelB + "|" + modelA);
            if (!seen.add(pair)) {
                problems.add(new InputProblem(file.toString(), 0, "entry " + key + ": a second row for item " + item
                        + " and this model pair (row skipped)"));
                continue;
            }
            try {
                rows.add(new GenexInductionComparison(item, modelA, modelB, text(row, "model1_output"),
                        text(row, "model2_output"), JsonFiles.number(row, "bert_score")));
            } catch (IllegalArgumentException e) {
                problems.add(new InputProblem(file.toString(), 0, "entry " + key + ": " + e.getMessage()
                        + " (row skipped)"));
            }
        }
    }

    private static String model(ObjectNode object, String field, String fromFileName) {
        String named = JsonLines.text(object, field);
        return GenexInductionDirectory.modelId(named != null ? named : fromFileName);
    }

    private static String text(JsonNode row, String field) {
        String text = JsonLines.text(row, field);
        if (text == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return text;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot list the directory: " + InputFiles.detail(e));
        }
    }
}
