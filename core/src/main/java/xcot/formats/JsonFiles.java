package xcot.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import xcot.io.InputFiles;
import xcot.io.InputProblem;

/**
 * Reads whole-file JSON objects as Python's {@code json.dump} writes them ({@code NaN} and {@code Infinity}
 * included). A file that cannot be read or parsed becomes one problem naming the file (and the line, for a syntax
 * error); its readers skip it and go on with the other files.
 */
final class JsonFiles {
    private static final JsonMapper PYTHON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonFiles() {}

    /** The file's top-level object; empty, with a problem added, when there is none. */
    static Optional<ObjectNode> object(Path file, List<InputProblem> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(new InputProblem(file.toString(), 0, InputFiles.reason(e)));
            return Optional.empty();
        }
        try {
            JsonNode node = PYTHON.readTree(bytes);
            if (node instanceof ObjectNode object) {
                return Optional.of(object);
            }
            problems.add(new InputProblem(file.toString(), 0, "not a JSON object"));
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new InputProblem(file.toString(), line, "not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new InputProblem(file.toString(), 0, "cannot parse: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** A finite number field; an error when absent, not a number, or NaN/infinite. */
    static double number(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is " + (node == null ? "missing" : "not a number"));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("field '" + field + "' is " + value);
        }
        return value;
    }
}
