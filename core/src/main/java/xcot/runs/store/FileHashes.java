package xcot.runs.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * SHA-256 of model files, cached in the store by (absolute path, size, modification time): a 30 GB file is hashed
 * once, and a changed file is hashed again.
 */
public final class FileHashes {
    private FileHashes() {}

    public static String sha256(Path file, RunStore store) {
        try {
            Path absolute = file.toAbsolutePath().normalize();
            BasicFileAttributes a = Files.readAttributes(absolute, BasicFileAttributes.class);
            long mtime = a.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                    + a.lastModifiedTime().toInstant().getNano();
            var cached = store.fileHash(absolute.toString(), a.size(), mtime);
            if (cached.isPresent()) {
                return cached.get();
            }
            MessageDigest d = Hashing.sha256();
            byte[] buf = new byte[1 << 20];
            try (InputStream in = Files.newInputStream(absolute)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    d.update(buf, 0, n);
                }
            }
            String hash = HexFormat.of().formatHex(d.digest());
            store.putFileHash(absolute.toString(), a.size(), mtime, hash);
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot hash: " + e.getMessage(), e);
        }
    }
}
