package xcot.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Encoders against values computed by hand and against ggml itself: {@code ggml-encodings.bin} holds 4096 inputs
 * (ties, zeros, subnormals, F16 range edges, Gaussian blocks at five scales) and what the pinned ggml (0.23.0)
 * made of them with {@code ggml_fp32_to_fp16_row}, {@code ggml_fp32_to_bf16_row_ref} and
 * {@code quantize_row_q8_0_ref}; layout: u32 n, n f32, n f16, n bf16, n/32 Q8_0 blocks, little-endian.
 */
class GgmlEncodingTest {

    private static byte[] encode(GgmlType type, float... values) {
        ByteBuffer b = ByteBuffer.allocate((int) type.byteSize(values.length)).order(ByteOrder.LITTLE_ENDIAN);
        GgmlEncoding.encode(type, values, 0, values.length, b);
        return b.array();
    }

    private static short[] halves(byte[] bytes) {
        short[] out = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    @Test
    void f16RoundsToNearestEven() {
        float ulp = 1f / 1024;
        short[] h = halves(encode(GgmlType.F16, 1f, 0.1f, 65504f, 1f + ulp / 2, 1f + 3 * ulp / 2, -2f, 65520f));
        // 1.0 = 0x3C00; 0.1 = 0x2E66 (0x2E66.66 rounds down); max = 0x7BFF; 1 + ulp/2 ties to even 0x3C00;
        // 1 + 3ulp/2 ties to even 0x3C02; -2 = 0xC000; 65520 is halfway to 2^16 and rounds to infinity 0x7C00.
        assertArrayEquals(new short[] {0x3C00, 0x2E66, 0x7BFF, 0x3C00, 0x3C02, (short) 0xC000, 0x7C00}, h);
    }

    @Test
    void bf16RoundsToNearestEvenAndQuietsNaN() {
        short[] h = halves(encode(GgmlType.BF16, 1f, Float.intBitsToFloat(0x3F80_8000),
                Float.intBitsToFloat(0x3F81_8000), Float.intBitsToFloat(0x3F80_8001),
                Float.intBitsToFloat(0x7F80_0001)));
        // exact; tie to even (down); tie to even (up); above the tie (up); signalling NaN made quiet.
        assertArrayEquals(new short[] {0x3F80, 0x3F80, 0x3F82, 0x3F81, 0x7FC0}, h);
    }

    @Test
    void q8_0MatchesHandComputedBlocks() {
        float[] block = new float[32];
        block[0] = 127f;
        block[1] = -2.5f;
        block[2] = 2.5f;
        block[3] = -0.5f;
        block[4] = 126.5f;
        byte[] q = encode(GgmlType.Q8_0, block);
        // amax 127 gives d = 1 (F16 0x3C00) and id = 1, so q = roundf(x), halves away from zero.
        assertEquals(0x00, q[0]);
        assertEquals(0x3C, q[1]);
        assertArrayEquals(new byte[] {127, -3, 3, -1, 127, 0}, java.util.Arrays.copyOfRange(q, 2, 8));

        float[] ramp = new float[32];
        for (int j = 0; j < 32; j++) {
            ramp[j] = j - 16;
        }
        byte[] r = encode(GgmlType.Q8_0, ramp);
        // d = 16/127 = 0.125984..., F16 0x3008 (1.0078 * 2^-3); q = round((j-16) * 127/16).
        assertEquals(0x3008, (r[0] & 0xFF) | (r[1] & 0xFF) << 8);
        assertEquals(-127, r[2]);
        assertEquals(-119, r[3]);
        assertEquals(-111, r[4]);
        assertEquals(0, r[2 + 16]);
        assertEquals(119, r[2 + 31]);

        byte[] zeros = encode(GgmlType.Q8_0, new float[32]);
        assertArrayEquals(new byte[34], zeros);
    }

    @Test
    void roundfDiffersFromMathRoundOnNegativeHalves() {
        assertEquals(-3f, GgmlEncoding.roundHalfAwayFromZero(-2.5f));
        assertEquals(3f, GgmlEncoding.roundHalfAwayFromZero(2.5f));
        assertEquals(0f, GgmlEncoding.roundHalfAwayFromZero(0.49999997f));
        assertEquals(-2L, Math.round(-2.5f), "the trap this method avoids");
    }

    @Test
    void everyEncoderMatchesGgmlOnTheReferenceVector() throws IOException {
        ByteBuffer ref;
        try (InputStream in = GgmlEncodingTest.class.getResourceAsStream("ggml-encodings.bin")) {
            ref = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        }
        int n = ref.getInt();
        float[] x = new float[n];
        ref.asFloatBuffer().get(x);
        ref.position(4 + 4 * n);
        byte[] f16 = slice(ref, 2 * n);
        byte[] bf16 = slice(ref, 2 * n);
        byte[] q8 = slice(ref, n / 32 * 34);
        assertEquals(0, ref.remaining());

        assertArrayEquals(f16, encode(GgmlType.F16, x));
        assertArrayEquals(bf16, encode(GgmlType.BF16, x));
        assertArrayEquals(q8, encode(GgmlType.Q8_0, x));
    }

    @Test
    void decodeInvertsEncodeWithinPrecision() {
        float[] x = {0.25f, -1f, 3f, 1e-3f};
        float[] q = new float[32];
        for (int i = 0; i < 32; i++) {
            q[i] = (float) Math.sin(i);
        }
        assertArrayEquals(x, decode(GgmlType.F32, encode(GgmlType.F32, x), 4));
        assertArrayEquals(x, decode(GgmlType.F16, encode(GgmlType.F16, x), 4), 1e-6f);
        assertArrayEquals(q, decode(GgmlType.Q8_0, encode(GgmlType.Q8_0, q), 32), 0.5f / 127);
    }

    @Test
    void typesWithoutAnEncoderAreRefused() {
        assertThrows(UnsupportedOperationException.class, () -> encode(GgmlType.Q4_K, new float[256]));
        assertThrows(IllegalArgumentException.class, () -> encode(GgmlType.Q8_0, new float[16]));
        assertThrows(IllegalArgumentException.class, () -> GgmlEncoding.encode(GgmlType.F32, new float[1], 0, 1,
                ByteBuffer.allocate(4)));
    }

    private static float[] decode(GgmlType type, byte[] bytes, int n) {
        float[] out = new float[n];
        GgmlEncoding.decode(type, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), out, 0, n);
        return out;
    }

    private static byte[] slice(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
