package xcot.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a {@link TensorSource} puts a tensor's bytes, in order; the writer counts them against the declared size. */
@FunctionalInterface
public interface TensorSink {
    /** Consumes all remaining bytes of {@code bytes}. */
    void write(ByteBuffer bytes) throws IOException;
}
