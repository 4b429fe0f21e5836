package xcot.runs.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Token id arrays as the bytes the stores keep (and cache keys hash): 4 bytes per id, little-endian. */
public final class TokenBlobs {
    private TokenBlobs() {}

    public static byte[] encode(int[] tokens) {
        ByteBuffer b = ByteBuffer.allocate(tokens.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int t : tokens) {
            b.putInt(t);
        }
        return b.array();
    }

    public static int[] decode(byte[] bytes) {
        if (bytes.length % 4 != 0) {
            throw new IllegalArgumentException("a token blob has a multiple of 4 bytes, not " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int[] tokens = new int[bytes.length / 4];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = b.getInt();
        }
        return tokens;
    }
}
