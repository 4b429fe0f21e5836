package xcot.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.io.InputProblem;
import xcot.io.ReadResult;
import xcot.io.Utf8Lines;
import xcot.metrics.ScoredAnswer;

/**
 * Imports the reference implementation's MedCalc output files ({@code *.jsonl} or {@code *.jsonl.gz}, one JSON
 * object per line, written by genex {@code run.py}, {@code run_custom_thoughts.py}, {@code run_transfer_thoughts.py})
 * into xcot's record model, so published runs and xcot runs are scored by the same code.
 *
 * <p>Record kinds: own-run files ({@code LLM Answer}, {@code Result}) and transfer files ({@code *_thoughts_to_*}:
 * {@code Target Answer}, {@code Target Result}). A failure record is the reduced record the scripts wrote when
 * extraction or scoring raised: {@code LLM Answer} and {@code LLM Explanation} both hold the exception text, and in
 * transfer files the {@code Target *} fields are absent.
 */
public final class GenexMedCalcFiles {
    private static final String TRANSFER_MARK = "_thoughts_to_";

    private GenexMedCalcFiles() {}

    public static ReadResult<GenexMedCalcRecord> read(Path file) {
        String name = file.getFileName().toString();
        return parse(Utf8Lines.readBytes(file), name);
    }

    /** The file's records as xcot records, with the condition taken from the file name. */
    public static ReadResult<ScoredAnswer> readScored(Path file) {
        String name = file.getFileName().toString();
        ReadResult<GenexMedCalcRecord> records = read(file);
        String condition = condition(name);
        return new ReadResult<>(records.values().stream().map(r -> r.toScoredAnswer(condition)).toList(),
                records.problems());
    }

    /** {@link #readScored(Path)} for a file already in memory (e.g. a resource), gunzipped. */
    public static ReadResult<ScoredAnswer> readScored(byte[] bytes, String fileName) {
        ReadResult<GenexMedCalcRecord> records = parse(bytes, fileName);
        String condition = condition(fileName);
        return new ReadResult<>(records.values().stream().map(r -> r.toScoredAnswer(condition)).toList(),
                records.problems());
    }

    static ReadResult<GenexMedCalcRecord> parse(byte[] bytes, String fileName) {
        ReadResult<JsonLines.Line> lines = JsonLines.parse(bytes, fileName);
        boolean transfer = isTransfer(fileName);
        List<InputProblem> problems = new ArrayList<>(lines.problems());
        String fileModel = modelFromFileName(fileName, transfer);
        Optional<String> fileSource = transfer ? Optional.of(sourceFromFileName(fileName)) : Optional.empty();
        for (JsonLines.Line line : lines.values()) {
            String named = JsonLines.text(line.object(), transfer ? "Target Model" : "LLM Name");
            if (named != null) {
                fileModel = named;
                break;
            }
        }
        if (transfer) {
            for (JsonLines.Line line : lines.values()) {
                String named = JsonLines.text(line.object(), "LLM Model");
                if (named != null) {
                    fileSource = Optional.of(named);
                    break;
                }
            }
        }
        List<GenexMedCalcRecord> records = new ArrayList<>();
        for (JsonLines.Line line : lines.values()) {
            try {
                records.add(record(line, transfer, fileModel, fileSource));
            } catch (IllegalArgumentException e) {
                problems.add(new InputProblem(fileName, line.number(), e.getMessage()));
            }
        }
        problems.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new ReadResult<>(records, problems);
    }

    private static GenexMedCalcRecord record(
            JsonLines.Line line, boolean transfer, String fileModel, Optional<String> fileSource) {
        ObjectNode o = line.object();
        int rowNumber = JsonLines.integer(o, "Row Number");
        int calculatorId = JsonLines.integer(o, "Calculator ID");
        String llmAnswer = JsonLines.text(o, "LLM Answer");
        if (llmAnswer == null) {
            throw new IllegalArgumentException("missing field 'LLM Answer'");
        }
        Optional<String> failure;
        Optional<String> answer;
        String result;
        String model;
        Optional<String> source = Optional.empty();
        if (transfer) {
            answer = Optional.ofNullable(JsonLines.text(o, "Target Answer"));
            failure = answer.isEmpty() ? Optional.of(llmAnswer) : Optional.empty();
            result = orEmpty(JsonLines.text(o, "Target Result"));
            model = Optional.ofNullable(JsonLines.text(o, "Target Model")).orElse(fileModel);
            source = Optional.ofNullable(JsonLines.text(o, "LLM Model")).or(() -> fileSource);
        } else {
            answer = Optional.of(llmAnswer);
            failure = llmAnswer.equals(JsonLines.text(o, "LLM Explanation")) ? Optional.of(llmAnswer) : Optional.empty();
            result = orEmpty(JsonLines.text(o, "Result"));
            model = Optional.ofNullable(JsonLines.text(o, "LLM Name")).orElse(fileModel);
        }
        if (failure.isEmpty() && !result.equals("Correct") && !result.equals("Incorrect")) {
            throw new IllegalArgumentException("result field is '" + result + "', expected Correct or Incorrect");
        }
        return new GenexMedCalcRecord(line.number(), rowNumber, calculatorId, model, source, answer, result, failure);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    public static boolean isTransfer(String fileName) {
        return fileName.contains(TRANSFER_MARK);
    }

    /** The CoT condition a genex file name stands for (PAPER-SPEC §7, setting membership). */
    public static String condition(String fileName) {
        String stem = stem(fileName);
        boolean withoutAnswer = stem.endsWith("_without_answer");
        if (isTransfer(stem)) {
            return withoutAnswer ? "transfer-without-answer" : "transfer-full";
        }
        if (stem.contains("_ensembled_thought") || stem.contains("_gen_")) {
            return withoutAnswer ? "ensemble-without-answer" : "ensemble";
        }
        if (stem.contains("_zero_shot_empty")) {
            return "empty";
        }
        if (stem.contains("_with_sampling")) {
            return withoutAnswer ? "sampled-without-answer" : "sampled";
        }
        if (stem.contains("_zero_shot_original")) {
            return "default";
        }
        return "unknown";
    }

    private static String stem(String fileName) {
        return fileName.replaceFirst("\\.gz$", "").replaceFirst("\\.jsonl?$", "");
    }

    /** {@code org_model} back to {@code org/model}: genex replaced the one slash of a Hugging Face id. */
    private static String modelFromFileName(String fileName, boolean transfer) {
        String stem = stem(fileName);
        String part = transfer ? stem.substring(stem.indexOf(TRANSFER_MARK) + TRANSFER_MARK.length()) : stem;
        int zeroShot = part.indexOf("_zero_shot");
        return toHuggingFaceId(zeroShot >= 0 ? part.substring(0, zeroShot) : part);
    }

    private static String sourceFromFileName(String fileName) {
        String stem = stem(fileName);
        return toHuggingFaceId(stem.substring(0, stem.indexOf(TRANSFER_MARK)));
    }

    private static String toHuggingFaceId(String underscored) {
        return underscored.replaceFirst("_", "/");
    }
}
