package xcot.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.metrics.ScoredAnswer;
import xcot.tasks.medcalc.AnswerExtractor;
import xcot.tasks.medcalc.MedCalcDataset;
import xcot.tasks.medcalc.MedCalcRow;

/**
 * Writes MedCalc records in the reference implementation's output format (its {@code run.py},
 * {@code run_custom_thoughts.py} and {@code run_transfer_thoughts.py}): one file per model and setting, named as the
 * reference names them, one JSON object per line with its fields in its order, written as Python's
 * {@code json.dumps} writes. {@link GenexMedCalcFiles} reads them back, as it reads the published files.
 */
public final class GenexMedCalcWriter {
    private GenexMedCalcWriter() {}

    /**
     * One record to write.
     *
     * @param condition     the record's condition name ({@code empty}, {@code transfer-full}, {@code sampled-seed43}...)
     * @param source        the source of an inserted CoT (a model, or an ensemble's {@code gens / evals})
     * @param explanation   the MedCalc explanation field of the answer
     * @param sourceDefault for a transfer, the source model's own Default record of the item, when there is one
     */
    public record Entry(String condition, String model, Optional<String> source, String itemId, ScoredAnswer answer,
                        String thinking, Optional<String> insertedCot, Optional<String> explanation,
                        Optional<Entry> sourceDefault) {}

    /**
     * The lines of every file, by file name, in entry order. gpt-oss Default files carry the effort in their name
     * ({@code _original_low}); a Default-without-answer record shares the self-transfer file of
     * transfer-without-answer, so it is written only when no transfer-without-answer record exists.
     */
    public static Map<String, List<String>> files(List<Entry> entries, Map<String, String> ossEffort) {
        Map<String, MedCalcRow> rows = new LinkedHashMap<>();
        MedCalcDataset.load().rows().forEach(row -> rows.put(row.itemId(), row));
        Map<String, List<String>> files = new LinkedHashMap<>();
        boolean transferWithoutAnswer = entries.stream().anyMatch(e -> e.condition().equals("transfer-without-answer"));
        for (Entry e : entries) {
            if (e.condition().equals("default-without-answer") && transferWithoutAnswer) {
                continue;
            }
            Optional<String> name = fileName(e, ossEffort.getOrDefault(e.model(), ""));
            if (name.isEmpty()) {
                continue;
            }
            MedCalcRow row = rows.get(e.itemId());
            if (row == null) {
                throw new IllegalArgumentException("no MedCalc row " + e.itemId());
            }
            boolean transferFile = name.get().contains("_thoughts_to_");
            String line = PythonJson.object(transferFile ? transferRecord(row, e) : ownRecord(row, e, e.condition()));
            files.computeIfAbsent(name.get(), k -> new ArrayList<>()).add(line);
        }
        return files;
    }

    /** {@code org/model} → {@code org_model}, as the reference names files. */
    static String fileModel(String name) {
        return name.replace('/', '_');
    }

    static Optional<String> fileName(Entry slot, String ossEffort) {
        String m = fileModel(slot.model());
        String c = slot.condition();
        String source = slot.source().map(GenexMedCalcWriter::fileModel).orElse(m);
        String name;
        if (c.equals("empty")) {
            name = m + "_zero_shot_empty";
        } else if (c.equals("default")) {
            name = m + "_zero_shot_original" + (ossEffort.isEmpty() ? "" : "_" + ossEffort);
        } else if (c.startsWith("sampled-without-answer")) {
            name = m + "_zero_shot_with_sampling" + c.substring("sampled-without-answer".length()).replace('-', '_')
                    + "_without_answer";
        } else if (c.startsWith("sampled")) {
            name = m + "_zero_shot_with_sampling" + c.substring("sampled".length()).replace('-', '_');
        } else if (c.equals("transfer-full")) {
            name = source + "_thoughts_to_" + m + "_zero_shot_full";
        } else if (c.equals("transfer-without-answer") || c.equals("default-without-answer")) {
            name = source + "_thoughts_to_" + m + "_zero_shot_without_answer";
        } else if (c.startsWith("ensemble")) {
            String[] combo = slot.source().orElseThrow().split(" / ", 2);
            name = m + "_zero_shot_ensembled_thought_gen_" + fileModel(combo[0]) + "_eval_" + fileModel(combo[1])
                    + (c.endsWith("without-answer") ? "_without_answer" : "");
        } else {
            return Optional.empty();
        }
        return Optional.of(name + ".jsonl");
    }

    private static Map<String, Object> common(MedCalcRow row, boolean calculatorIdAsInt) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Row Number", row.rowNumber());
        o.put("Calculator Name", row.calculatorName());
        o.put("Calculator ID", calculatorIdAsInt ? (Object) row.calculatorId() : Integer.toString(row.calculatorId()));
        o.put("Category", row.category());
        o.put("Note ID", row.noteId());
        o.put("Patient Note", row.patientNote());
        o.put("Question", row.question());
        return o;
    }

    /** Own-run and custom-thought records; the reference's {@code _empty} files hold Calculator ID as an int. */
    private static Map<String, Object> ownRecord(MedCalcRow row, Entry r, String condition) {
        ScoredAnswer a = r.answer();
        boolean empty = condition.equals("empty");
        Map<String, Object> o = common(row, empty);
        o.put("LLM Name", a.model());
        o.put("LLM Answer", a.answer());
        o.put("LLM Explanation", explanation(r));
        o.put("LLM Thinking", r.thinking());
        o.put("Ground Truth Answer", row.groundTruthAnswer());
        o.put("Ground Truth Explanation", row.groundTruthExplanation());
        o.put("Result", a.outcome().isCorrect() ? "Correct" : "Incorrect");
        if (!condition.equals("default")) {
            boolean failed = a.outcome().isFailed();
            String type = empty ? "empty" : condition.startsWith("ensemble") ? "ensembled_thought"
                    : condition.replace('-', '_').replaceFirst("^sampled", "with_sampling");
            String thoughts = empty ? "<empty>" : r.insertedCot().orElse("");
            if (!failed) {
                o.put("Thought Type", type);
                o.put("Transferred Thoughts", thoughts);
            } else if (empty) {
                o.put("Thought Type", null);
                o.put("Transferred Thoughts", null);
            }
        }
        return o;
    }

    /**
     * Transfer records carry the source's own answer, explanation and result beside the target's; a target failure
     * is the reference's reduced record, whose {@code LLM Answer} is the target's failure text.
     */
    private static Map<String, Object> transferRecord(MedCalcRow row, Entry r) {
        ScoredAnswer a = r.answer();
        Map<String, Object> o = common(row, false);
        if (a.outcome().isFailed()) {
            o.put("LLM Answer", a.answer());
            o.put("LLM Explanation", a.answer());
            o.put("Ground Truth Answer", row.groundTruthAnswer());
            o.put("Ground Truth Explanation", row.groundTruthExplanation());
            o.put("Result", "Incorrect");
            return o;
        }
        String source = a.sourceModel().orElseThrow();
        Optional<Entry> own = r.sourceDefault();
        o.put("LLM Model", source);
        o.put("LLM Answer", own.map(s -> s.answer().answer()).orElse(""));
        o.put("LLM Raw Thinking", r.insertedCot().orElse(""));
        o.put("LLM Explanation", own.map(GenexMedCalcWriter::explanation).orElse(AnswerExtractor.NO_EXPLANATION));
        o.put("Target Model", a.model());
        o.put("Target Answer", a.answer());
        o.put("Target Explanation", explanation(r));
        o.put("Ground Truth Answer", row.groundTruthAnswer());
        o.put("Ground Truth Explanation", row.groundTruthExplanation());
        o.put("Result", own.map(s -> s.answer().outcome().isCorrect() ? "Correct" : "Incorrect").orElse("Incorrect"));
        o.put("Target Result", a.outcome().isCorrect() ? "Correct" : "Incorrect");
        return o;
    }

    /** A failure record's explanation is its failure text, as the reference wrote it. */
    private static String explanation(Entry r) {
        return r.answer().outcome().isFailed() ? r.answer().answer()
                : r.explanation().orElse(AnswerExtractor.NO_EXPLANATION);
    }
}
