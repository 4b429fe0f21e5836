package xcot.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Gzip bombs for the tests of the decompression cap (shared with the cli module through the test-jar). */
public final class GzipBombs {
    private GzipBombs() {}

    /**
     * A 10 MB gzip file that expands to 10 GiB of zeros, as in issue 12: 640 gzip members of 16 MiB each (gzip
     * readers read concatenated members as one stream), built in well under a second.
     */
    public static Path tenGiB(Path dir, String name) throws IOException {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(member)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 16; i++) {
                gz.write(zeros);
            }
        }
        Path bomb = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(bomb)) {
            for (int i = 0; i < 640; i++) {
                member.writeTo(out);
            }
        }
        return bomb;
    }
}
