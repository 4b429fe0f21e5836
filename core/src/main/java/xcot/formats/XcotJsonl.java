package xcot.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import xcot.io.InputProblem;
import xcot.io.LineSink;
import xcot.io.ReadResult;
import xcot.io.Utf8LineReader;
import xcot.metrics.Outcome;
import xcot.metrics.ScoredAnswer;

/**
 * xcot's own scored-answer format: UTF-8 JSON Lines, one {@link ScoredAnswer} per line. The pipeline writes it and
 * {@code xcot score --format xcot} reads it.
 *
 * <pre>
 * {"benchmark":"medcalc","item":"353","condition":"transfer-full","model":"openai/gpt-oss-20b",
 *  "source":"Qwen/QwQ-32B","answer":"4","correct":false,"failure":null}
 * </pre>
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>type</th><th>meaning</th></tr>
 * <tr><td>benchmark</td><td>string</td><td>{@code medcalc}, {@code induction}, {@code toy}, ...</td></tr>
 * <tr><td>item</td><td>string</td><td>item id within the benchmark (MedCalc: Row Number)</td></tr>
 * <tr><td>condition</td><td>string</td><td>CoT condition, e.g. {@code empty}, {@code default}, {@code sampled},
 *     {@code transfer-full}, {@code transfer-without-answer}, {@code ensemble}</td></tr>
 * <tr><td>model</td><td>string</td><td>the model that answered (for transfers, the target)</td></tr>
 * <tr><td>source</td><td>string or null</td><td>the model whose CoT was inserted; absent or null for own runs</td></tr>
 * <tr><td>answer</td><td>string</td><td>the normalized answer; for a failed row, the failure text or {@code ""}</td></tr>
 * <tr><td>correct</td><td>boolean</td><td>binary judgment; required unless {@code score} or {@code failure} is set</td></tr>
 * <tr><td>score</td><td>number in [0, 1]</td><td>graded judgment (e.g. similarity to gold annotations)</td></tr>
 * <tr><td>failure</td><td>string or null</td><td>set when no usable answer came out; the reason</td></tr>
 * </table>
 *
 * <p>Records written by {@code xcot run} add the run's details after these fields ({@link Details}); readers that do
 * not know them ignore them:
 *
 * <table>
 * <caption>Run fields</caption>
 * <tr><th>field</th><th>type</th><th>meaning</th></tr>
 * <tr><td>seed</td><td>integer or null</td><td>the sampling seed of a sampled condition</td></tr>
 * <tr><td>insertedCot</td><td>string or null</td><td>the CoT inserted into the model; null when it wrote its own</td></tr>
 * <tr><td>thinking</td><td>string</td><td>the CoT extracted from this generation (MedCalc: {@code LLM Thinking})</td></tr>
 * <tr><td>output</td><td>string</td><td>everything the model generated, with any closing marker or answer suffix
 *     appended between passes</td></tr>
 * <tr><td>generatedTokens</td><td>integer</td><td>new tokens over all passes</td></tr>
 * <tr><td>stop</td><td>string</td><td>why the last pass ended: {@code END_OF_GENERATION}, {@code TOKEN_LIMIT},
 *     {@code CONTEXT_FULL}, {@code PROMPT_TOO_LONG}</td></tr>
 * </table>
 *
 * <p>Outcome: {@code failure} non-null means failed; else {@code score} present means graded; else {@code correct}.
 * Unknown fields are ignored, so later versions can add some.
 */
public final class XcotJsonl {
    private XcotJsonl() {}

    /**
     * What a run adds to a record (see the class comment).
     *
     * @param seed        the sampling seed, if the condition samples
     * @param insertedCot the inserted CoT; empty when the model wrote its own
     */
    public record Details(Optional<Long> seed, Optional<String> insertedCot, String thinking, String output,
                          int generatedTokens, String stop) {}

    /** One line (without the newline) for an answer. */
    public static String line(ScoredAnswer a) {
        return write(node(a));
    }

    /** One line for an answer of a run, with its details. */
    public static String line(ScoredAnswer a, Details d) {
        ObjectNode o = node(a);
        d.seed().ifPresentOrElse(s -> o.put("seed", s), () -> o.putNull("seed"));
        d.insertedCot().ifPresentOrElse(c -> o.put("insertedCot", c), () -> o.putNull("insertedCot"));
        o.put("thinking", d.thinking());
        o.put("output", d.output());
        o.put("generatedTokens", d.generatedTokens());
        o.put("stop", d.stop());
        return write(o);
    }

    private static ObjectNode node(ScoredAnswer a) {
        ObjectNode o = JsonLines.MAPPER.createObjectNode();
        o.put("benchmark", a.benchmark());
        o.put("item", a.itemId());
        o.put("condition", a.condition());
        o.put("model", a.model());
        if (a.sourceModel().isPresent()) {
            o.put("source", a.sourceModel().get());
        } else {
            o.putNull("source");
        }
        o.put("answer", a.answer());
        switch (a.outcome()) {
            case Outcome.Graded g -> o.put("score", g.score());
            default -> o.put("correct", a.outcome().isCorrect());
        }
        if (a.outcome() instanceof Outcome.Failed f) {
            o.put("failure", f.reason());
        } else {
            o.putNull("failure");
        }
        return o;
    }

    private static String write(ObjectNode o) {
        try {
            return JsonLines.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields scoring reads; a record's other fields (its texts) are skipped unread. */
    private static final Set<String> SCORED_FIELDS = Set.of("benchmark", "item", "condition", "model", "source",
            "answer", "correct", "score", "failure");

    public static ReadResult<ScoredAnswer> read(Path file) {
        LineSink.Collecting<ScoredAnswer> sink = LineSink.collecting();
        read(file, sink);
        return sink.result();
    }

    /**
     * Streams the file's answers into {@code sink} as they are read; memory holds one line, and of it only the
     * fields above.
     *
     * @throws xcot.io.InputFormatException when the file cannot be read (one line naming it)
     */
    public static void read(Path file, LineSink<ScoredAnswer> sink) {
        JsonLines.forEachValue(Utf8LineReader.open(file), SCORED_FIELDS, XcotJsonl::answer, sink);
    }

    private static ScoredAnswer answer(ObjectNode o) {
        String failure = JsonLines.text(o, "failure");
        Outcome outcome;
        JsonNode score = o.get("score");
        JsonNode correct = o.get("correct");
        if (failure != null) {
            outcome = new Outcome.Failed(failure);
        } else if (score != null && !score.isNull()) {
            if (!score.isNumber()) {
                throw new IllegalArgumentException("field 'score' is not a number");
            }
            outcome = new Outcome.Graded(score.doubleValue());
        } else if (correct != null && correct.isBoolean()) {
            outcome = Outcome.of(correct.booleanValue());
        } else {
            throw new IllegalArgumentException("needs 'correct' (boolean), 'score' or 'failure'");
        }
        String condition = JsonLines.text(o, "condition");
        return new ScoredAnswer(
                required(o, "benchmark"),
                required(o, "item"),
                condition == null ? "" : condition,
                required(o, "model"),
                Optional.ofNullable(JsonLines.text(o, "source")),
                Optional.ofNullable(JsonLines.text(o, "answer")).orElseThrow(
                        () -> new IllegalArgumentException("missing field 'answer'")),
                outcome);
    }

    private static String required(ObjectNode o, String field) {
        String value = JsonLines.text(o, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }
}
