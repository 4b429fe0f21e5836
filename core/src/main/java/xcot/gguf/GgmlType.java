package xcot.gguf;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A ggml tensor storage type ({@code enum ggml_type}), with the block layout that fixes how many bytes a tensor of
 * the type takes. Block sizes and bytes per block are those that {@code ggml_blck_size}/{@code ggml_type_size}
 * report in the pinned ggml (0.23.0); ids that ggml removed (4, 5, 31–33, 36–38) are not listed, so a file that
 * uses one is rejected like llama.cpp rejects it.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    /** f16 scale + 32 signed bytes. */
    Q8_0(8, 32, 34),
    Q8_1(9, 32, 36),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    IQ2_XXS(16, 256, 66),
    IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98),
    IQ1_S(19, 256, 50),
    IQ4_NL(20, 32, 18),
    IQ3_S(21, 256, 110),
    IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    IQ1_M(29, 256, 56),
    /** The upper 16 bits of an IEEE binary32. */
    BF16(30, 1, 2),
    TQ1_0(34, 256, 54),
    TQ2_0(35, 256, 66),
    MXFP4(39, 32, 17),
    NVFP4(40, 64, 36),
    Q1_0(41, 128, 18),
    Q2_0(42, 64, 18);

    private static final Map<Integer, GgmlType> BY_ID = new HashMap<>();

    static {
        for (GgmlType t : values()) {
            BY_ID.put(t.id, t);
        }
    }

    private final int id;
    private final int blockSize;
    private final int bytesPerBlock;

    GgmlType(int id, int blockSize, int bytesPerBlock) {
        this.id = id;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    /** The 32-bit id written in a tensor info. */
    public int id() {
        return id;
    }

    /** Elements per block; a row length ({@code ne[0]}) must be a multiple of it. */
    public int blockSize() {
        return blockSize;
    }

    public int bytesPerBlock() {
        return bytesPerBlock;
    }

    /** Whether a row of this many elements can be stored in this type. */
    public boolean fitsRowLength(long rowLength) {
        return rowLength > 0 && rowLength % blockSize == 0;
    }

    /**
     * Bytes that {@code elements} values take, for a count that is a multiple of the block size.
     *
     * @throws IllegalArgumentException if the count is not a whole number of blocks
     * @throws ArithmeticException if the byte count overflows a {@code long}
     */
    public long byteSize(long elements) {
        if (elements < 0 || elements % blockSize != 0) {
            throw new IllegalArgumentException(
                    elements + " elements are not a whole number of " + this + " blocks of " + blockSize);
        }
        return Math.multiplyExact(elements / blockSize, (long) bytesPerBlock);
    }

    /** The type with this id, or empty for an id the pinned ggml does not know. */
    public static Optional<GgmlType> fromId(long id) {
        return id < Integer.MIN_VALUE || id > Integer.MAX_VALUE
                ? Optional.empty()
                : Optional.ofNullable(BY_ID.get((int) id));
    }
}
