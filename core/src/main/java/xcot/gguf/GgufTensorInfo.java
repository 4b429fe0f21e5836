package xcot.gguf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One tensor's entry in a GGUF header: name, shape ({@code ne}, innermost dimension first), storage type and the
 * offset of its data relative to the start of the data section.
 *
 * <p>The rules are llama.cpp's: a name of 1–63 UTF-8 bytes, 1–4 dimensions, each at least 1, an element count and
 * a byte size that fit in 63 bits, and a row length ({@code ne[0]}) that is a whole number of the type's blocks.
 */
public record GgufTensorInfo(String name, List<Long> shape, GgmlType type, long offset) {
    /** {@code GGML_MAX_NAME} is 64 including the terminating NUL. */
    public static final int MAX_NAME_BYTES = 63;
    public static final int MAX_DIMS = 4;

    public GgufTensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = List.copyOf(shape);
        String problem = shapeProblem(name, shape.stream().mapToLong(Long::longValue).toArray(), type);
        if (problem != null) {
            throw new IllegalArgumentException("tensor '" + name + "': " + problem);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("tensor '" + name + "': negative offset " + offset);
        }
    }

    /** A declaration with {@code ne = shape} (innermost first). */
    public static GgufTensorInfo of(String name, GgmlType type, long offset, long... shape) {
        return new GgufTensorInfo(name, java.util.Arrays.stream(shape).boxed().toList(), type, offset);
    }

    /** {@code ne[0]}: elements per row, the contiguous dimension. */
    public long rowLength() {
        return shape.getFirst();
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Rows of {@link #rowLength()} elements (the product of all dimensions but the first). */
    public long rowCount() {
        return elementCount() / rowLength();
    }

    /** Bytes of data, without the alignment padding that follows it. */
    public long sizeBytes() {
        return type.byteSize(elementCount());
    }

    /** Offset of the first byte after this tensor's data, relative to the data section. */
    public long endOffset() {
        return offset + sizeBytes();
    }

    /**
     * What is wrong with a name, shape and type, or null when they are valid; the one place these rules live
     * (the reader calls it to report a bad file, the constructor to reject a bad declaration).
     */
    static String shapeProblem(String name, long[] ne, GgmlType type) {
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes == 0) {
            return "the name is empty";
        }
        if (nameBytes > MAX_NAME_BYTES) {
            return "the name has " + nameBytes + " bytes, more than " + MAX_NAME_BYTES;
        }
        if (ne.length < 1 || ne.length > MAX_DIMS) {
            return "n_dims is " + ne.length + ", must be 1.." + MAX_DIMS;
        }
        long elements = 1;
        for (int j = 0; j < ne.length; j++) {
            if (ne[j] <= 0) {
                return "dimension " + j + " is " + ne[j] + ", must be at least 1";
            }
            if (elements > Long.MAX_VALUE / ne[j]) {
                return "the element count overflows 63 bits";
            }
            elements *= ne[j];
        }
        if (ne[0] % type.blockSize() != 0) {
            return "row length " + ne[0] + " is not a multiple of the " + type + " block size " + type.blockSize();
        }
        if (elements / type.blockSize() > Long.MAX_VALUE / type.bytesPerBlock()) {
            return "the byte size overflows 63 bits";
        }
        return null;
    }
}
