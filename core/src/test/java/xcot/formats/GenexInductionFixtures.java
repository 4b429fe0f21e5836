package xcot.formats;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/**
 * The reference implementation's published Instruction Induction outputs (test resource
 * {@code genex-induction/instruction-induction.tar.xz}), unpacked once per JVM into a temporary folder that is
 * deleted at exit, so that code taking directories (the reader, the CLI) can read them. Shared with the cli module
 * through the test-jar.
 */
public final class GenexInductionFixtures {
    /** The seven published settings the archive holds, by their comparison directory's name. */
    public static final List<String> SETTINGS = List.of("empty", "default", "default_without_answer", "sampling",
            "sampling_without_answer", "transfer_qwq", "transfer_qwq_without_answer");

    /**
     * The published numbers of a setting: mean consistency over the 10 model pairs (the true mean over the 20 tasks,
     * and the 20/21 of it the reference's figure shows) and mean accuracy over the 5 models.
     */
    public record Golden(double consistency, double consistencyPlotted, double accuracy) {}

    public static final Map<String, Golden> GOLDEN = Map.of(
            "empty", new Golden(0.593, 0.565, 0.553),
            "default", new Golden(0.588, 0.560, 0.596),
            "default_without_answer", new Golden(0.588, 0.560, 0.572),
            "sampling", new Golden(0.522, 0.497, 0.552),
            "sampling_without_answer", new Golden(0.567, 0.540, 0.585),
            "transfer_qwq", new Golden(0.609, 0.580, 0.587),
            "transfer_qwq_without_answer", new Golden(0.634, 0.603, 0.600));

    private static final int BLOCK = 512;
    private static Path root;

    private GenexInductionFixtures() {}

    /** The unpacked {@code instruction-induction/} folder: {@code predictions/} and {@code comparison_results/}. */
    public static synchronized Path root() {
        if (root == null) {
            try {
                Path dir = Files.createTempDirectory("xcot-genex-induction");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                try (InputStream in = GenexInductionFixtures.class
                        .getResourceAsStream("/genex-induction/instruction-induction.tar.xz")) {
                    if (in == null) {
                        throw new IOException("missing test resource genex-induction/instruction-induction.tar.xz");
                    }
                    untar(new XZInputStream(new BufferedInputStream(in, 1 << 16)), dir);
                }
                root = dir.resolve("instruction-induction");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** A published setting's directories (prediction directories, then the comparison directory). */
    public static GenexInductionFiles.PublishedSetting setting(String name) {
        return GenexInductionFiles.published(root()).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no published setting " + name));
    }

    /** A GNU tar reader: regular files and directories, GNU long names; paths must stay inside {@code dir}. */
    private static void untar(InputStream raw, Path dir) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            try {
                in.readFully(header);
            } catch (EOFException e) {
                return;
            }
            if (header[0] == 0) {
                return;
            }
            long size = Long.parseLong(field(header, 124, 12).trim(), 8);
            byte type = header[156];
            String name = longName != null ? longName : field(header, 0, 100);
            longName = null;
            long padding = (BLOCK - size % BLOCK) % BLOCK;
            if (type == 'L') {
                byte[] bytes = in.readNBytes((int) size);
                longName = new String(bytes, StandardCharsets.UTF_8).replace("\0", "");
                in.skipNBytes(padding);
                continue;
            }
            Path target = dir.resolve(name).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("tar entry outside the target folder: " + name);
            }
            if (type == '5') {
                Files.createDirectories(target);
            } else if (type == '0' || type == 0) {
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    copy(in, out, size);
                }
            } else {
                in.skipNBytes(size);
            }
            in.skipNBytes(padding);
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("tar entry truncated");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
