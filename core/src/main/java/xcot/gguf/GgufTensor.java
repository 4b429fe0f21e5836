package xcot.gguf;

import java.util.List;
import java.util.Objects;

/**
 * A tensor to write: name, shape ({@code ne}, innermost first), storage type and where its bytes come from. The
 * writer assigns the offset.
 */
public record GgufTensor(String name, List<Long> shape, GgmlType type, TensorSource source) {
    public GgufTensor {
        shape = List.copyOf(shape);
        Objects.requireNonNull(source, "source");
        // Fields are assigned after the compact constructor, so validate from the parameters.
        new GgufTensorInfo(name, shape, type, 0);
    }

    public static GgufTensor of(String name, GgmlType type, TensorSource source, long... shape) {
        return new GgufTensor(name, java.util.Arrays.stream(shape).boxed().toList(), type, source);
    }

    /** The header entry for this tensor at {@code offset}; validates name, shape and type. */
    GgufTensorInfo info(long offset) {
        return new GgufTensorInfo(name, shape, type, offset);
    }
}
