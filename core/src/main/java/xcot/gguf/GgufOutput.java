package xcot.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/** Buffered little-endian writes to a channel, tracking the absolute position. Not thread-safe. */
final class GgufOutput {
    private static final int BUFFER_BYTES = 1 << 20;

    private final WritableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long flushedBytes;

    GgufOutput(WritableByteChannel channel) {
        this.channel = channel;
    }

    long position() {
        return flushedBytes + buffer.position();
    }

    void i8(byte v) throws IOException {
        room(1).put(v);
    }

    void i32(int v) throws IOException {
        room(4).putInt(v);
    }

    void i64(long v) throws IOException {
        room(8).putLong(v);
    }

    void string(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        i64(bytes.length);
        bytes(ByteBuffer.wrap(bytes));
    }

    /** Writes all remaining bytes of {@code src}; large buffers go straight to the channel. */
    void bytes(ByteBuffer src) throws IOException {
        if (src.remaining() > buffer.remaining()) {
            flush();
            if (src.remaining() >= BUFFER_BYTES) {
                while (src.hasRemaining()) {
                    flushedBytes += channel.write(src);
                }
                return;
            }
        }
        buffer.put(src);
    }

    /** Zero bytes up to the next multiple of {@code alignment}. */
    void padTo(int alignment) throws IOException {
        long pad = (alignment - position() % alignment) % alignment;
        for (long i = 0; i < pad; i++) {
            i8((byte) 0);
        }
    }

    void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            flushedBytes += channel.write(buffer);
        }
        buffer.clear();
    }

    private ByteBuffer room(int n) throws IOException {
        if (buffer.remaining() < n) {
            flush();
        }
        return buffer;
    }
}
