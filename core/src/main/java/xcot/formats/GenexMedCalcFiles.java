package xcot.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import xcot.io.InputProblem;
import xcot.io.LineSink;
import xcot.io.ReadResult;
import xcot.io.Utf8LineReader;
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

    /** The fields scoring reads; the others (the thinking, the patient note, ...) are skipped unread. */
    private static final Set<String> SCORED_FIELDS = Set.of("Row Number", "Calculator ID", "LLM Answer",
            "LLM Explanation", "Result", "LLM Name", "Target Answer", "Target Result", "Target Model", "LLM Model");

    public static ReadResult<GenexMedCalcRecord> read(Path file) {
        LineSink.Collecting<GenexMedCalcRecord> sink = LineSink.collecting();
        records(Utf8LineReader.open(file), sink);
        return sink.result();
    }

    /** The file's records as xcot records, with the condition taken from the file name. */
    public static ReadResult<ScoredAnswer> readScored(Path file) {
        LineSink.Collecting<ScoredAnswer> sink = LineSink.collecting();
        readScored(file, sink);
        return sink.result();
    }

    /**
     * Streams the file's records into {@code sink} as xcot records; memory holds one line, and of it only the fields
     * scoring reads.
     *
     * @throws xcot.io.InputFormatException when the file cannot be read (one line naming it)
     */
    public static void readScored(Path file, LineSink<ScoredAnswer> sink) {
        scored(Utf8LineReader.open(file), sink);
    }

    /** {@link #readScored(Path)} for a file already in memory (e.g. a resource), gunzipped. */
    public static ReadResult<ScoredAnswer> readScored(byte[] bytes, String fileName) {
        LineSink.Collecting<ScoredAnswer> sink = LineSink.collecting();
        scored(Utf8LineReader.of(bytes, fileName), sink);
        return sink.result();
    }

    private static void scored(Utf8LineReader lines, LineSink<ScoredAnswer> sink) {
        String condition = condition(lines.fileName());
        records(lines, new LineSink<>() {
            @Override
            public void value(GenexMedCalcRecord record, long line) {
                sink.value(record.toScoredAnswer(condition), line);
            }

            @Override
            public void problem(InputProblem problem) {
                sink.problem(problem);
            }

            @Override
            public void progress(long bytesRead, long sizeBytes) {
                sink.progress(bytesRead, sizeBytes);
            }
        });
    }

    private static void records(Utf8LineReader lines, LineSink<GenexMedCalcRecord> sink) {
        String fileName = lines.fileName();
        boolean transfer = isTransfer(fileName);
        FileNames names = new FileNames(transfer, modelFromFileName(fileName, transfer),
                transfer ? Optional.of(sourceFromFileName(fileName)) : Optional.empty(), sink);
        JsonLines.forEach(lines, SCORED_FIELDS, new LineSink<>() {
            @Override
            public void value(JsonLines.Line line, long number) {
                names.see(line.object());
                GenexMedCalcRecord record;
                try {
                    record = record(line, transfer, names.model, names.source);
                } catch (IllegalArgumentException e) {
                    sink.problem(new InputProblem(fileName, number, e.getMessage()));
                    return;
                }
                names.add(record, JsonLines.text(line.object(), transfer ? "Target Model" : "LLM Name") == null,
                        transfer && JsonLines.text(line.object(), "LLM Model") == null);
            }

            @Override
            public void problem(InputProblem problem) {
                sink.problem(problem);
            }

            @Override
            public void progress(long bytesRead, long sizeBytes) {
                sink.progress(bytesRead, sizeBytes);
            }
        });
        names.settle();
    }

    /**
     * The model (and, in transfer files, the source) a record that lacks its own takes: the first one named anywhere
     * in the file ({@code LLM Name} or {@code Target Model}; {@code LLM Model}), else the file name's. Records that
     * need one before the file has named it wait, in order, until it does or the file ends; they are the few
     * failure records at a file's start, kept compact.
     */
    private static final class FileNames {
        private final boolean transfer;
        private final LineSink<GenexMedCalcRecord> sink;
        private final List<Waiting> waiting = new ArrayList<>();
        String model;
        Optional<String> source;
        private boolean modelNamed;
        private boolean sourceNamed;

        FileNames(boolean transfer, String model, Optional<String> source, LineSink<GenexMedCalcRecord> sink) {
            this.transfer = transfer;
            this.model = model;
            this.source = source;
            this.sink = sink;
            this.sourceNamed = !transfer;
        }

        void see(ObjectNode o) {
            try {
                String named = JsonLines.text(o, transfer ? "Target Model" : "LLM Name");
                if (named != null && !modelNamed) {
                    model = named;
                    modelNamed = true;
                }
                String namedSource = transfer ? JsonLines.text(o, "LLM Model") : null;
                if (namedSource != null && !sourceNamed) {
                    source = Optional.of(namedSource);
                    sourceNamed = true;
                }
            } catch (IllegalArgumentException e) {
                // a name that is not a string: the record's own read reports it
            }
            if (modelNamed && sourceNamed) {
                settle();
            }
        }

        void add(GenexMedCalcRecord record, boolean needsModel, boolean needsSource) {
            if ((needsModel && !modelNamed) || (needsSource && !sourceNamed) || !waiting.isEmpty()) {
                waiting.add(new Waiting(record, needsModel, needsSource));
            } else {
                sink.value(record, record.line());
            }
        }

        /** Hands on the waiting records with the names as they now stand. */
        void settle() {
            for (Waiting w : waiting) {
                GenexMedCalcRecord r = w.record();
                sink.value(new GenexMedCalcRecord(r.line(), r.rowNumber(), r.calculatorId(),
                        w.needsModel() ? model : r.model(), w.needsSource() ? source : r.sourceModel(), r.answer(),
                        r.result(), r.failure()), r.line());
            }
            waiting.clear();
        }

        private record Waiting(GenexMedCalcRecord record, boolean needsModel, boolean needsSource) {}
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
