package xcot.runs.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a run config: Jackson binds the YAML into {@link ConfigFile} (unknown keys, wrong types and duplicate keys
 * refused), then {@link ConfigChecks} validates it, resolves references and fills in the defaults. Every problem is
 * one {@link ConfigException} naming the file, the line and the key, found before anything runs. The keys and their
 * defaults are listed in {@link ConfigKeys}.
 */
public final class ConfigReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern MALFORMED_NUMBER = Pattern.compile("Malformed numeric value '([^']*)'");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private ConfigReader() {}

    public static RunConfig read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, xcot.io.InputFiles.reason(e));
        }
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(utf8(bytes, file.toString()), file.toString(), file.toAbsolutePath().getParent(), stem);
    }

    /** Parses YAML text; {@code defaultName} names the run when the config does not. */
    public static RunConfig parse(String yaml, String source, Path baseDir, String defaultName) {
        ConfigLines lines = ConfigLines.of(yaml);
        ConfigFile file;
        try {
            file = YAML.readValue(yaml, ConfigFile.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw error(source, lines, e, "unknown key '" + path(e) + "' (known: " + known + ")");
        } catch (InvalidFormatException e) {
            throw error(source, lines, e, "'" + path(e) + "' must be " + expected(e.getTargetType())
                    + ", not '" + e.getValue() + "'");
        } catch (MismatchedInputException e) {
            String what = e.getTargetType() == null ? "has the wrong type" : "must be " + expected(e.getTargetType());
            throw error(source, lines, e, "'" + path(e) + "' " + what);
        } catch (JsonMappingException e) {
            Matcher number = MALFORMED_NUMBER.matcher(String.valueOf(e.getOriginalMessage()));
            throw error(source, lines, e, "'" + path(e) + "' " + (number.find()
                    ? "must be a finite number, not '" + number.group(1) + "'" : firstLine(e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            Matcher twice = DUPLICATE.matcher(e.getOriginalMessage());
            if (twice.find()) {
                String key = twice.group(1);
                int first = lines.firstLineOfKey(key);
                throw error(source, e.getLocation(), "key '" + key + "' appears twice"
                        + (first > 0 ? " (first on line " + first + ")" : ""));
            }
            throw error(source, e.getLocation(), "not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
        if (file == null) {
            throw new ConfigException(source, 0, "is empty: a run config needs at least 'benchmark' and 'models'");
        }
        return new ConfigChecks(source, baseDir, lines).check(file, defaultName);
    }

    /** The text of a UTF-8 file; invalid UTF-8 is an error naming the line. */
    static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidByte(bytes);
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ConfigException(source, line, String.format("is not valid UTF-8 (byte 0x%02x)", bytes[bad] & 0xff));
        }
    }

    private static int firstInvalidByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    /** The key path of a binding error, as a config path ({@code models[1].sampling.top-p}). */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (type == Float.class || type == Double.class || type == float.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping";
    }

    private static String firstLine(String message) {
        return message == null ? "invalid" : message.lines().findFirst().orElse("invalid");
    }

    /** A binding error at its key's line (Jackson's own location is the token after the key). */
    private static ConfigException error(String source, ConfigLines lines, JsonMappingException e, String message) {
        int line = lines.line(path(e));
        return line > 0 ? new ConfigException(source, line, message) : error(source, e.getLocation(), message);
    }

    private static ConfigException error(String source, JsonLocation at, String message) {
        return new ConfigException(source, at == null ? 0 : Math.max(0, at.getLineNr()), message);
    }
}
