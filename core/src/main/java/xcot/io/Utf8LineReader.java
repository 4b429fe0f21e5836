package xcot.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a file one line at a time, as bytes checked to be strict UTF-8, so that memory holds one line, not the file:
 * a reader parses the line where it lies ({@link #bytes()}, {@link #offset()}, {@link #length()}) before asking for
 * the next. Lines end at {@code \n} (a final newline does not start another line); a UTF-8 byte-order mark at the
 * start of the file is skipped. A line that is not valid UTF-8 is still returned, with {@link #problem()} set, so
 * that readers can skip it and report its number.
 *
 * <p>One line may hold at most {@link #MAX_LINE_BYTES}; a longer one ends the read with an error, since a file whose
 * lines grow without end (a device, a file without newlines) would otherwise take all memory.
 */
public final class Utf8LineReader implements AutoCloseable {
    /**
     * The longest line read: 16 MiB. A record of {@code xcot run} or of the reference holds at most three texts of
     * a model's output (an inserted CoT, a thinking, an output), each at most a 32k-token generation (about 128 KiB),
     * so real lines stay under 1 MiB.
     */
    public static final int MAX_LINE_BYTES = 16 << 20;
    private static final int CHUNK_BYTES = 1 << 16;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final String fileName;
    private final Path path;
    private final InputFiles.Opened opened;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer scratch = CharBuffer.allocate(CHUNK_BYTES);
    private byte[] buffer = new byte[CHUNK_BYTES];
    private int start;
    private int end;
    private boolean eof;
    private long lineNumber;
    private long fileOffset;
    private int lineStart;
    private int lineLength;
    private long lineFileOffset;
    private InputProblem problem;

    private Utf8LineReader(InputStream in, String fileName, Path path, InputFiles.Opened opened) {
        this.in = in;
        this.fileName = fileName;
        this.path = path;
        this.opened = opened;
    }

    /**
     * Opens a file (see {@link InputFiles#open}); problems name it by its file name, whole-file errors by its path.
     */
    public static Utf8LineReader open(Path path) {
        InputFiles.Opened opened = InputFiles.open(path);
        return new Utf8LineReader(opened.stream(), path.getFileName().toString(), path, opened);
    }

    /** Lines of bytes already in memory (a resource), already gunzipped. */
    public static Utf8LineReader of(byte[] bytes, String fileName) {
        return new Utf8LineReader(new java.io.ByteArrayInputStream(bytes), fileName, null, null);
    }

    public String fileName() {
        return fileName;
    }

    /**
     * Moves to the next line; false at the end of the file.
     *
     * @throws InputFormatException when the file cannot be read on, or a line is longer than {@link #MAX_LINE_BYTES}
     */
    public boolean next() {
        if (lineNumber > 0) {
            fileOffset += lineLength + 1L;
        }
        int newline = indexOfNewline(start);
        while (newline < 0 && !eof) {
            int seen = end - start;
            if (seen >= MAX_LINE_BYTES) {
                throw fail(String.format(Locale.ROOT, "line %d is longer than %d MiB, xcot's limit for one line "
                        + "(real records stay under 1 MiB): not a JSON Lines file?", lineNumber + 1,
                        MAX_LINE_BYTES >> 20));
            }
            fill();
            newline = indexOfNewline(start + seen);
        }
        if (newline < 0 && start == end) {
            return false;
        }
        lineNumber++;
        lineStart = start;
        lineLength = (newline >= 0 ? newline : end) - start;
        start = newline >= 0 ? newline + 1 : end;
        lineFileOffset = fileOffset;
        if (lineNumber == 1 && startsWithBom()) {
            lineStart += BOM.length;
            lineLength -= BOM.length;
            lineFileOffset += BOM.length;
            fileOffset += BOM.length;
        }
        problem = validate();
        return true;
    }

    private int indexOfNewline(int from) {
        for (int i = from; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWithBom() {
        return lineLength >= BOM.length && Arrays.equals(buffer, lineStart, lineStart + BOM.length, BOM, 0,
                BOM.length);
    }

    /** Moves the unread bytes to the front, grows the buffer if they fill it, and reads more. */
    private void fill() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_BYTES + CHUNK_BYTES));
        }
        try {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        } catch (IOException e) {
            throw opened != null ? opened.failure(e)
                    : new InputFormatException(new InputProblem(fileName, 0, InputFiles.reason(e)));
        }
    }

    private InputFormatException fail(String message) {
        return new InputFormatException(new InputProblem(path != null ? path.toString() : fileName, 0, message));
    }

    /** A strict decode of the line into a scratch buffer: the JDK's decoder decides what valid UTF-8 is. */
    private InputProblem validate() {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, lineStart, lineLength);
        strict.reset();
        while (true) {
            scratch.clear();
            CoderResult result = strict.decode(bytes, scratch, true);
            if (result.isUnderflow()) {
                return null;
            }
            if (result.isError()) {
                return new InputProblem(fileName, lineNumber, "invalid UTF-8 at byte offset "
                        + (lineFileOffset + bytes.position() - lineStart) + " of the file");
            }
        }
    }

    /** The current line's number, from 1. */
    public long number() {
        return lineNumber;
    }

    /** The buffer holding the current line; valid until the next call of {@link #next()}. */
    public byte[] bytes() {
        return buffer;
    }

    public int offset() {
        return lineStart;
    }

    public int length() {
        return lineLength;
    }

    /** Set when the current line is not valid UTF-8. */
    public Optional<InputProblem> problem() {
        return Optional.ofNullable(problem);
    }

    /** The current line as text (for a line with a problem, invalid bytes become U+FFFD). */
    public String text() {
        return new String(buffer, lineStart, lineLength, StandardCharsets.UTF_8);
    }

    /** Whether the line holds only whitespace (as {@link String#isBlank()} says). */
    public boolean isBlank() {
        for (int i = lineStart; i < lineStart + lineLength; i++) {
            byte b = buffer[i];
            if (b < 0) {
                return text().isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** Bytes of the file on disk read so far (compressed bytes for {@code .gz}); 0 for bytes in memory. */
    public long bytesRead() {
        return opened == null ? 0 : opened.bytesRead();
    }

    /** The file's size on disk; 0 when unknown (a pipe) or in memory. */
    public long sizeBytes() {
        return opened == null ? 0 : opened.sizeBytes();
    }

    @Override
    public void close() {
        if (opened != null) {
            opened.close();
        }
    }
}
