package xcot.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import xcot.io.InputProblem;
import xcot.io.ReadResult;
import xcot.io.Utf8Lines;

/**
 * Splits a JSONL file into JSON objects, one per non-blank line, with strict UTF-8. A line that is not valid UTF-8,
 * not JSON, or not an object becomes a problem naming file and line; the other lines are kept.
 */
final class JsonLines {
    static final ObjectMapper MAPPER = new ObjectMapper();

    record Line(long number, ObjectNode object) {}

    private JsonLines() {}

    static ReadResult<Line> parse(byte[] bytes, String fileName) {
        Utf8Lines.Decoded decoded = Utf8Lines.decode(bytes, fileName);
        List<InputProblem> problems = new ArrayList<>(decoded.problems());
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < decoded.lines().size(); i++) {
            long number = i + 1L;
            String text = decoded.lines().get(i);
            if (decoded.badLines().contains(number) || text.isBlank()) {
                continue;
            }
            try {
                JsonNode node = MAPPER.readTree(text);
                if (node instanceof ObjectNode object) {
                    lines.add(new Line(number, object));
                } else {
                    problems.add(new InputProblem(fileName, number, "not a JSON object"));
                }
            } catch (JsonProcessingException e) {
                problems.add(new InputProblem(fileName, number, "not JSON: " + e.getOriginalMessage()));
            }
        }
        problems.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new ReadResult<>(lines, problems);
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
