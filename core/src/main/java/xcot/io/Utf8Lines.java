package xcot.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Reads a whole text file as strict UTF-8 lines, so that invalid bytes are reported with their line number instead
 * of being replaced silently. Files ending in {@code .gz} are decompressed first. For files that may be large, read
 * line by line with {@link Utf8LineReader} instead: this class holds the whole file.
 */
public final class Utf8Lines {
    /**
     * The file's lines; an invalid line is kept (decoded with U+FFFD, so multi-line formats keep their structure) and
     * also listed in {@code problems} and {@code badLines}.
     */
    public record Decoded(List<String> lines, List<InputProblem> problems, Set<Long> badLines) {}

    private Utf8Lines() {}

    /** The file's bytes, gunzipped when the name ends in {@code .gz} (see {@link InputFiles#open}). */
    public static byte[] readBytes(Path path) {
        try (InputFiles.Opened in = InputFiles.open(path)) {
            try {
                return in.stream().readAllBytes();
            } catch (IOException e) {
                throw in.failure(e);
            }
        }
    }

    /** Bytes of a classpath resource, gunzipped when the name ends in {@code .gz}. */
    public static byte[] readResource(String resource) {
        try (InputStream raw = Utf8Lines.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new UncheckedIOException(new IOException("missing classpath resource " + resource));
            }
            if (!resource.endsWith(".gz")) {
                return raw.readAllBytes();
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits on {@code \n} (a final newline does not start another line) and decodes each line strictly; a UTF-8
     * byte-order mark at the start is skipped.
     */
    public static Decoded decode(byte[] bytes, String fileName) {
        List<String> lines = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        Set<Long> bad = new TreeSet<>();
        try (Utf8LineReader reader = Utf8LineReader.of(bytes, fileName)) {
            while (reader.next()) {
                lines.add(reader.text());
                reader.problem().ifPresent(p -> {
                    problems.add(p);
                    bad.add(reader.number());
                });
            }
        }
        return new Decoded(lines, problems, bad);
    }
}
