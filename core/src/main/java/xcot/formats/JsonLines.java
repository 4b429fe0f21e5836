package xcot.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import java.util.function.Function;
import xcot.io.InputProblem;
import xcot.io.LineSink;
import xcot.io.Utf8LineReader;

/**
 * Streams a JSONL file's JSON objects, one per non-blank line, with strict UTF-8. A line that is not valid UTF-8,
 * not JSON, or not an object becomes a problem naming file and line; the other lines are kept. Each object keeps only
 * the fields its reader asks for: the others (a record's thinking and output, often most of its bytes) are skipped
 * by the parser without being decoded into strings, so a line costs its bytes once and nothing after.
 */
final class JsonLines {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long PROGRESS_EVERY_BYTES = 1L << 20;

    record Line(long number, ObjectNode object) {}

    private JsonLines() {}

    /** Every object of the file, in order, reduced to {@code fields}; closes {@code lines} when done. */
    static void forEach(Utf8LineReader lines, Set<String> fields, LineSink<Line> sink) {
        try (lines) {
            long reported = 0;
            while (lines.next()) {
                if (lines.bytesRead() - reported >= PROGRESS_EVERY_BYTES) {
                    reported = lines.bytesRead();
                    sink.progress(reported, lines.sizeBytes());
                }
                if (lines.problem().isPresent()) {
                    sink.problem(lines.problem().get());
                    continue;
                }
                if (lines.isBlank()) {
                    continue;
                }
                try {
                    ObjectNode object = object(lines, fields);
                    if (object == null) {
                        sink.problem(new InputProblem(lines.fileName(), lines.number(), "not a JSON object"));
                    } else {
                        sink.value(new Line(lines.number(), object), lines.number());
                    }
                } catch (JsonProcessingException e) {
                    sink.problem(new InputProblem(lines.fileName(), lines.number(),
                            "not JSON: " + e.getOriginalMessage()));
                }
            }
            sink.progress(lines.bytesRead(), lines.sizeBytes());
        }
    }

    /**
     * Every object of the file turned into a value by {@code parse}, in order; a line {@code parse} refuses (with an
     * {@link IllegalArgumentException}) becomes a problem naming the line.
     */
    static <T> void forEachValue(Utf8LineReader lines, Set<String> fields, Function<ObjectNode, T> parse,
            LineSink<T> sink) {
        forEach(lines, fields, new LineSink<>() {
            @Override
            public void value(Line line, long number) {
                T value;
                try {
                    value = parse.apply(line.object());
                } catch (IllegalArgumentException e) {
                    sink.problem(new InputProblem(lines.fileName(), number, e.getMessage()));
                    return;
                }
                sink.value(value, number);
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

    /** The line's object with only {@code fields}; null when the line holds another JSON value. */
    private static ObjectNode object(Utf8LineReader line, Set<String> fields) throws JsonProcessingException {
        try (JsonParser p = MAPPER.createParser(line.bytes(), line.offset(), line.length())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode object = MAPPER.createObjectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (fields.contains(name)) {
                    object.set(name, MAPPER.readTree(p));
                } else {
                    p.skipChildren();
                }
            }
            return object;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory failed", e);
        }
    }

    /** A text field, or null when absent or JSON null; a non-text value is an error. */
    static String text(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is not a string");
        }
        return node.textValue();
    }

    /** A field that may be an integer or a string holding one (genex writes Calculator ID both ways). */
    static int integer(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.parseInt(node.textValue().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("field '" + field + "' is not an integer: " + node);
    }
}
