package xcot.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text file as strict UTF-8, one physical line at a time, so that invalid bytes are reported with their line
 * number instead of being replaced silently. Files ending in {@code .gz} are decompressed first.
 */
public final class Utf8Lines {
    /**
     * The file's lines; an invalid line is kept (decoded with U+FFFD, so multi-line formats keep their structure) and
     * also listed in {@code problems} and {@code badLines}.
     */
    public record Decoded(List<String> lines, List<InputProblem> problems, Set<Long> badLines) {}

    private Utf8Lines() {}

    /** The file's bytes, gunzipped when the name ends in {@code .gz}. */
    public static byte[] readBytes(Path path) {
        String name = path.getFileName().toString();
        try (InputStream raw = Files.newInputStream(path)) {
            return name.endsWith(".gz") ? gunzip(raw, name) : raw.readAllBytes();
        } catch (IOException e) {
            throw new InputFormatException(new InputProblem(name, 0, "cannot read: " + e.getMessage()));
        }
    }

    /** Bytes of a classpath resource, gunzipped when the name ends in {@code .gz}. */
    public static byte[] readResource(String resource) {
        try (InputStream raw = Utf8Lines.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new UncheckedIOException(new IOException("missing classpath resource " + resource));
            }
            return resource.endsWith(".gz") ? gunzip(raw, resource) : raw.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gunzip(InputStream raw, String name) throws IOException {
        try (InputStream in = new GZIPInputStream(raw)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new InputFormatException(new InputProblem(name, 0, "not a valid gzip file: " + e.getMessage()));
        }
    }

    /** Splits on {@code \n} (a final newline does not start another line) and decodes each line strictly. */
    public static Decoded decode(byte[] bytes, String fileName) {
        List<String> lines = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        Set<Long> bad = new TreeSet<>();
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = 0;
        long lineNumber = 1;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            ByteBuffer slice = ByteBuffer.wrap(bytes, start, end - start);
            try {
                CharBuffer chars = strict.reset().decode(slice);
                lines.add(chars.toString());
            } catch (CharacterCodingException e) {
                int offset = firstBadByte(bytes, start, end);
                problems.add(new InputProblem(fileName, lineNumber,
                        "invalid UTF-8 at byte offset " + (start + offset) + " of the file"));
                bad.add(lineNumber);
                lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
            }
            start = end + 1;
            lineNumber++;
        }
        return new Decoded(lines, problems, bad);
    }

    /** Offset within the line of the first byte that stops a strict decode. */
    private static int firstBadByte(byte[] bytes, int start, int end) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.allocate(end - start + 1);
        strict.decode(in, out, true);
        return in.position() - start;
    }
}
