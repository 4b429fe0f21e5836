package xcot.gguf;

import java.util.Optional;

/**
 * The type tag of a GGUF metadata value ({@code enum gguf_type} in llama.cpp's {@code gguf.h}), with the number of
 * bytes one value of the type takes in the file.
 */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    /** u64 byte length + UTF-8 bytes, no terminator. */
    STRING(8, 0),
    /** element type (u32) + u64 count + elements. */
    ARRAY(9, 0),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private static final GgufValueType[] BY_ID = values();

    private final int id;
    private final int fixedSizeBytes;

    GgufValueType(int id, int fixedSizeBytes) {
        this.id = id;
        this.fixedSizeBytes = fixedSizeBytes;
    }

    /** The 32-bit tag written in the file. */
    public int id() {
        return id;
    }

    /** Bytes per value for fixed-width types; 0 for {@link #STRING} and {@link #ARRAY}. */
    public int fixedSizeBytes() {
        return fixedSizeBytes;
    }

    /** Whether a value of this type has a fixed width (numbers and booleans). */
    public boolean isFixedWidth() {
        return fixedSizeBytes > 0;
    }

    public boolean isInteger() {
        return switch (this) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
            default -> false;
        };
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The fewest bytes one encoded value of this type can take: a string needs its length, an array its header. */
    long minEncodedBytes() {
        return switch (this) {
            case STRING -> Long.BYTES;
            case ARRAY -> Integer.BYTES + Long.BYTES;
            default -> fixedSizeBytes;
        };
    }

    /** The type with this tag, or empty for an unknown tag. */
    public static Optional<GgufValueType> fromId(long id) {
        // The ids are dense 0..12 in declaration order.
        return id >= 0 && id < BY_ID.length ? Optional.of(BY_ID[(int) id]) : Optional.empty();
    }
}
