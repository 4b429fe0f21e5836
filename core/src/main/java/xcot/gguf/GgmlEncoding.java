package xcot.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes float values into ggml storage types (F32, F16, BF16, Q8_0) and decodes them back, bit for bit as ggml's
 * reference code does it, so a tensor written here equals one that llama.cpp would have written:
 * <ul>
 *   <li>F16: IEEE round-to-nearest-even ({@link Float#floatToFloat16}), as {@code GGML_FP32_TO_FP16};</li>
 *   <li>BF16: round-to-nearest-even on the upper 16 bits, NaN forced quiet, as {@code ggml_compute_fp32_to_bf16};</li>
 *   <li>Q8_0: {@code quantize_row_q8_0_ref}: per block of 32, {@code d = amax/127} stored as F16,
 *       {@code q = roundf(x * (1/d))} with C {@code roundf} (half away from zero), all q 0 when d is 0.</li>
 * </ul>
 * Other types (the K-quants) come from {@code llama_model_quantize}, not from here.
 */
public final class GgmlEncoding {
    private static final int Q8_0_BLOCK = 32;

    private GgmlEncoding() {}

    public static boolean canEncode(GgmlType type) {
        return type == GgmlType.F32 || type == GgmlType.F16 || type == GgmlType.BF16 || type == GgmlType.Q8_0;
    }

    /**
     * Appends {@code src[offset, offset+length)} to {@code dst} in {@code type}; {@code length} must be a whole
     * number of the type's blocks and {@code dst} must be little-endian with room for
     * {@code type.byteSize(length)} bytes.
     */
    public static void encode(GgmlType type, float[] src, int offset, int length, ByteBuffer dst) {
        if (dst.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("ggml data is little-endian; the buffer is big-endian");
        }
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        switch (type) {
            case F32 -> {
                for (int i = 0; i < length; i++) {
                    dst.putFloat(src[offset + i]);
                }
            }
            case F16 -> {
                for (int i = 0; i < length; i++) {
                    dst.putShort(Float.floatToFloat16(src[offset + i]));
                }
            }
            case BF16 -> {
                for (int i = 0; i < length; i++) {
                    dst.putShort(toBf16Bits(src[offset + i]));
                }
            }
            case Q8_0 -> encodeQ8_0(src, offset, length, dst);
            default -> throw new UnsupportedOperationException(
                    "no encoder for " + type + ": write F16 or Q8_0 and convert with llama_model_quantize");
        }
    }

    /** ggml's {@code ggml_compute_fp32_to_bf16}. */
    public static short toBf16Bits(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7fff_ffff) > 0x7f80_0000) {
            return (short) ((bits >>> 16) | 64);
        }
        return (short) ((bits + (0x7fff + ((bits >>> 16) & 1))) >>> 16);
    }

    public static float fromBf16Bits(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    private static void encodeQ8_0(float[] src, int offset, int length, ByteBuffer dst) {
        if (length % Q8_0_BLOCK != 0) {
            throw new IllegalArgumentException(length + " values are not a whole number of Q8_0 blocks of 32");
        }
        for (int block = offset; block < offset + length; block += Q8_0_BLOCK) {
            float amax = 0f;
            for (int j = 0; j < Q8_0_BLOCK; j++) {
                amax = Math.max(amax, Math.abs(src[block + j]));
            }
            float d = amax / 127f;
            // Multiplying by the reciprocal (not dividing by d) is what the reference does; it can differ in the
            // last bit, and so in the rounded q.
            float id = d != 0f ? 1f / d : 0f;
            dst.putShort(Float.floatToFloat16(d));
            for (int j = 0; j < Q8_0_BLOCK; j++) {
                dst.put(toInt8LikeC(roundHalfAwayFromZero(src[block + j] * id)));
            }
        }
    }

    /**
     * The C conversion {@code (int8_t) f} as compiled for x86 (through {@code cvttss2si}): NaN and values outside
     * the int range become {@code INT_MIN}, whose low byte is 0. It matters only for blocks whose amax is so small
     * (below about 1e-36) that {@code 1/d} overflows to infinity; Java's cast would give -1 there.
     */
    private static byte toInt8LikeC(float rounded) {
        boolean outOfRange = Float.isNaN(rounded) || rounded >= 0x1p31f || rounded < -0x1p31f;
        return (byte) (outOfRange ? Integer.MIN_VALUE : (int) rounded);
    }

    /** C {@code roundf}: halfway cases round away from zero (unlike {@link Math#round}, which rounds them up). */
    public static float roundHalfAwayFromZero(float x) {
        // In double, |x| + 0.5 is exact for every float below 2^52, so no second rounding creeps in.
        double r = Math.floor(Math.abs((double) x) + 0.5);
        return (float) Math.copySign(r, x);
    }

    /**
     * Decodes {@code length} values of {@code type} from {@code src} (little-endian, at its position) into
     * {@code dst[offset..]}; the inverse of {@link #encode} up to the type's precision.
     */
    public static void decode(GgmlType type, ByteBuffer src, float[] dst, int offset, int length) {
        ByteBuffer le = src.order() == ByteOrder.LITTLE_ENDIAN ? src : src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32 -> {
                for (int i = 0; i < length; i++) {
                    dst[offset + i] = le.getFloat();
                }
            }
            case F16 -> {
                for (int i = 0; i < length; i++) {
                    dst[offset + i] = Float.float16ToFloat(le.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < length; i++) {
                    dst[offset + i] = fromBf16Bits(le.getShort());
                }
            }
            case Q8_0 -> {
                if (length % Q8_0_BLOCK != 0) {
                    throw new IllegalArgumentException(length + " values are not a whole number of Q8_0 blocks");
                }
                for (int block = 0; block < length; block += Q8_0_BLOCK) {
                    float d = Float.float16ToFloat(le.getShort());
                    for (int j = 0; j < Q8_0_BLOCK; j++) {
                        dst[offset + block + j] = d * le.get();
                    }
                }
            }
            default -> throw new UnsupportedOperationException("no decoder for " + type);
        }
        if (le != src) {
            src.position(le.position());
        }
    }
}
