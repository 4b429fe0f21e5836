package xcot.runs.export;

import xcot.runs.results.Results;
import xcot.runs.results.AttemptRecord;
import xcot.runs.plan.ConditionLabel;
import xcot.runs.plan.AttemptKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.methods.Condition;
import xcot.metrics.ScoredAnswer;
import xcot.tasks.medcalc.MedCalcBenchmark;
import xcot.tasks.medcalc.AnswerExtractor;
import xcot.tasks.medcalc.MedCalcRow;
import xcot.formats.PythonJson;

/**
 * Writes a MedCalc run in the reference implementation's output format (genex {@code run.py},
 * {@code run_custom_thoughts.py}, {@code run_transfer_thoughts.py}; PAPER-SPEC §5.5): one file per model and setting,
 * named as the reference names them, one JSON object per line with its fields in its order, written as Python's
 * {@code json.dumps} writes. {@code xcot score --format genex-medcalc} reads them, as it reads the published files.
 */
public final class GenexExport {
    private GenexExport() {}

    static List<Path> write(Path dir, MedCalcBenchmark benchmark, List<Map.Entry<AttemptKey, AttemptRecord>> records,
            Results results, Map<String, String> ossEffort) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        boolean transferWithoutAnswer = records.stream()
                .anyMatch(e -> e.getKey().condition().condition() == Condition.TRANSFER_WITHOUT_ANSWER);
        for (var e : records) {
            AttemptKey slot = e.getKey();
            AttemptRecord r = e.getValue();
            String condition = slot.condition().label();
            if (condition.equals(Condition.DEFAULT_WITHOUT_ANSWER.label()) && transferWithoutAnswer) {
                continue; // the same self-transfer file as transfer-without-answer from the model to itself
            }
            Optional<String> name = fileName(slot, ossEffort.getOrDefault(slot.model(), ""));
            if (name.isEmpty()) {
                continue;
            }
            MedCalcRow row = benchmark.row(slot.itemId());
            boolean transferFile = name.get().contains("_thoughts_to_");
            String line = PythonJson.object(transferFile ? transferRecord(row, r, results) : ownRecord(row, r, condition));
            files.computeIfAbsent(name.get(), k -> new ArrayList<>()).add(line);
        }
        List<Path> written = new ArrayList<>();
        for (var f : files.entrySet()) {
            written.add(Exports.writeAtomically(dir.resolve(f.getKey()), f.getValue()));
        }
        return written;
    }

    /** {@code org/model} → {@code org_model}, as the reference names files. */
    static String fileModel(String name) {
        return name.replace('/', '_');
    }

    static Optional<String> fileName(AttemptKey slot, String ossEffort) {
        String m = fileModel(slot.model());
        String c = slot.condition().label();
        String source = slot.source().map(GenexExport::fileModel).orElse(m);
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
    private static Map<String, Object> ownRecord(MedCalcRow row, AttemptRecord r, String condition) {
        ScoredAnswer a = r.answer();
        boolean empty = condition.equals("empty");
        Map<String, Object> o = common(row, empty);
        o.put("LLM Name", a.model());
        o.put("LLM Answer", a.answer());
        o.put("LLM Explanation", explanation(r));
        o.put("LLM Thinking", r.attempt().thinking());
        o.put("Ground Truth Answer", row.groundTruthAnswer());
        o.put("Ground Truth Explanation", row.groundTruthExplanation());
        o.put("Result", a.outcome().isCorrect() ? "Correct" : "Incorrect");
        if (!condition.equals("default")) {
            boolean failed = a.outcome().isFailed();
            String type = empty ? "empty" : condition.startsWith("ensemble") ? "ensembled_thought"
                    : condition.replace('-', '_').replaceFirst("^sampled", "with_sampling");
            String thoughts = empty ? "<empty>" : r.attempt().insertedCot().orElse("");
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
    private static Map<String, Object> transferRecord(MedCalcRow row, AttemptRecord r, Results results) {
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
        Optional<AttemptRecord> own = results.find(new AttemptKey(ConditionLabel.of(Condition.DEFAULT), source,
                Optional.empty(), row.itemId()));
        o.put("LLM Model", source);
        o.put("LLM Answer", own.map(s -> s.answer().answer()).orElse(""));
        o.put("LLM Raw Thinking", r.attempt().insertedCot().orElse(""));
        o.put("LLM Explanation", own.map(GenexExport::explanation).orElse(AnswerExtractor.NO_EXPLANATION));
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
    private static String explanation(AttemptRecord r) {
        return r.answer().outcome().isFailed() ? r.answer().answer()
                : r.explanation().orElse(AnswerExtractor.NO_EXPLANATION);
    }
}
