package xcot.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounded, buffered little-endian reads from the start of a file, for headers only: it reads through a 1 MiB
 * window and never maps the file, so a 20 GB model costs a few reads. Every read first checks that the file holds
 * the bytes, and reports a shortfall as {@link GgufFormatException#truncated} with what was being read.
 * Not thread-safe.
 */
final class GgufInput {
    static final int WINDOW_BYTES = 1 << 20;

    private final String file;
    private final FileChannel channel;
    private final long sizeBytes;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES).order(ByteOrder.LITTLE_ENDIAN).flip();
    /** File offset of {@code window[0]}. */
    private long windowStart;
    private String context = "the header";
    /** Index of the array element being read, or -1. */
    private long element = -1;
    /** Element index (-1 for a scalar) of the first malformed UTF-8 string since the last {@link #takeMalformed}. */
    private long firstMalformed = NO_MALFORMED;

    /** {@link #takeMalformed} when every string read was valid UTF-8. */
    static final long NO_MALFORMED = Long.MIN_VALUE;

    GgufInput(String file, FileChannel channel, long sizeBytes) {
        this.file = file;
        this.channel = channel;
        this.sizeBytes = sizeBytes;
    }

    String file() {
        return file;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    long position() {
        return windowStart + window.position();
    }

    long remaining() {
        return sizeBytes - position();
    }

    /** Names what the following reads are for, in truncation messages. */
    void context(String what) {
        context = what;
        element = -1;
    }

    /** Marks the following reads as element {@code index} of the current context's array. */
    void element(long index) {
        element = index;
    }

    private String describe() {
        return element >= 0 ? "element " + element + " of " + context : context;
    }

    byte i8() throws GgufException {
        require(1);
        return window.get();
    }

    short i16() throws GgufException {
        require(2);
        return window.getShort();
    }

    int i32() throws GgufException {
        require(4);
        return window.getInt();
    }

    long u32() throws GgufException {
        return i32() & 0xFFFF_FFFFL;
    }

    long i64() throws GgufException {
        require(8);
        return window.getLong();
    }

    float f32() throws GgufException {
        require(4);
        return window.getFloat();
    }

    double f64() throws GgufException {
        require(8);
        return window.getDouble();
    }

    /**
     * A GGUF string: u64 length, then UTF-8 bytes (malformed sequences become U+FFFD and are noted, see
     * {@link #takeMalformed}). A length above {@code maxBytes} or beyond the end of the file is rejected before
     * anything is allocated.
     */
    String string(long maxBytes) throws GgufException {
        long start = position();
        long length = i64();
        if (length < 0 || length > maxBytes) {
            throw GgufFormatException.at(file, start, "string length " + Long.toUnsignedString(length)
                    + " in " + describe() + " exceeds the limit of " + maxBytes + " bytes");
        }
        if (length > remaining()) {
            throw GgufFormatException.truncated(file, sizeBytes, describe() + " (a string of " + length
                    + " bytes at byte " + start + ")");
        }
        int n = (int) length;
        byte[] bytes;
        int offset;
        if (n <= WINDOW_BYTES) {
            require(n);
            bytes = window.array();
            offset = window.arrayOffset() + window.position();
            window.position(window.position() + n);
        } else {
            bytes = new byte[n];
            offset = 0;
            readFully(ByteBuffer.wrap(bytes));
        }
        String s = new String(bytes, offset, n, StandardCharsets.UTF_8);
        // Only a string with U+FFFD can come from malformed bytes, so the strict check runs on those alone.
        if (s.indexOf('\uFFFD') >= 0 && firstMalformed == NO_MALFORMED && !isValidUtf8(bytes, offset, n)) {
            firstMalformed = element;
        }
        return s;
    }

    /**
     * The element index of the first string since the last call whose bytes were not valid UTF-8 (-1 for a scalar
     * string), or {@link #NO_MALFORMED}; resets the note.
     */
    long takeMalformed() {
        long first = firstMalformed;
        firstMalformed = NO_MALFORMED;
        return first;
    }

    private static boolean isValidUtf8(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Fills {@code dst} from the file, through the window. */
    void readFully(ByteBuffer dst) throws GgufException {
        if (dst.remaining() > remaining()) {
            throw GgufFormatException.truncated(file, sizeBytes, describe());
        }
        while (dst.hasRemaining()) {
            if (!window.hasRemaining()) {
                require(1);
            }
            int n = Math.min(dst.remaining(), window.remaining());
            dst.put(dst.position(), window, window.position(), n);
            dst.position(dst.position() + n);
            window.position(window.position() + n);
        }
    }

    /** Makes at least {@code n} bytes (n ≤ the window size) available in the window. */
    private void require(int n) throws GgufException {
        if (window.remaining() >= n) {
            return;
        }
        if (remaining() < n) {
            throw GgufFormatException.truncated(file, sizeBytes, describe());
        }
        long pos = position();
        window.compact();
        windowStart = pos;
        try {
            while (window.position() < n && window.hasRemaining()) {
                if (channel.read(window, windowStart + window.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            window.flip();
            throw new GgufFileException(file, "read failed at byte " + position() + ": " + xcot.io.InputFiles.detail(e), e);
        }
        window.flip();
        if (window.remaining() < n) {
            throw new GgufFileException(file, "the file became shorter while it was read (expected "
                    + sizeBytes + " bytes)", null);
        }
    }
}
