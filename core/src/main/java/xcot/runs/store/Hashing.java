package xcot.runs.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of the texts and token arrays that make up cache keys. */
public final class Hashing {
    private Hashing() {}

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Hex SHA-256 of the parts, each length-prefixed so that no two part lists collide. */
    public static String of(String... parts) {
        MessageDigest d = sha256();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            d.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
            d.update(bytes);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    public static String ofTokens(int[] tokens) {
        return HexFormat.of().formatHex(sha256().digest(TokenBlobs.encode(tokens)));
    }
}
