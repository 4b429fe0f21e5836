package xcot.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening and streaming input files: the defects of issue 12 (a gzip bomb, doubled paths, a byte-order mark, lines
 * without end) and the streaming reader's line splitting against the whole-file one.
 */
class InputFilesTest {
    @TempDir
    Path dir;

    /**
     * Issue 12: a 10 MB bomb was read whole into memory and ended in an OutOfMemoryError naming no file. Whole-file
     * reads and line reads stop at the expansion cap, after 8 MiB.
     */
    @Test
    @Timeout(60)
    void aGzipBombIsRefusedWithOneLineNamingTheFile() throws IOException {
        Path bomb = GzipBombs.tenGiB(dir, "bomb.jsonl.gz");
        assertTrue(Files.size(bomb) < 12_000_000, "the bomb is small: " + Files.size(bomb));
        InputFormatException e = assertThrows(InputFormatException.class, () -> Utf8Lines.readBytes(bomb));
        assertTrue(e.getMessage().startsWith(bomb + ": expands more than 200 times"), e.getMessage());
        assertTrue(e.getMessage().contains("gzip bomb"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        InputFormatException streamed = assertThrows(InputFormatException.class, () -> {
            try (Utf8LineReader lines = Utf8LineReader.open(bomb)) {
                while (lines.next()) {
                    // no line ends before the cap
                }
            }
        });
        assertTrue(streamed.getMessage().startsWith(bomb + ": expands more than 200 times"), streamed.getMessage());
    }

    @Test
    void readErrorsNameThePathOnce() throws IOException {
        Path missing = dir.resolve("nope.jsonl");
        assertEquals(missing + ": no such file",
                assertThrows(InputFormatException.class, () -> Utf8Lines.readBytes(missing)).getMessage());
        assertEquals(dir + ": is a directory, not a file",
                assertThrows(InputFormatException.class, () -> Utf8Lines.readBytes(dir)).getMessage());
        Path dev = Path.of("/dev/zero");
        if (Files.exists(dev)) {
            assertEquals("/dev/zero: is a character device, not a file",
                    assertThrows(InputFormatException.class, () -> Utf8LineReader.open(dev)).getMessage());
        }
    }

    @Test
    void aFileWithoutPermissionSaysSo() throws IOException {
        Path locked = Files.writeString(dir.resolve("locked.jsonl"), "{}\n");
        assumeTrue(locked.toFile().setReadable(false) && !Files.isReadable(locked), "running as root");
        assertEquals(locked + ": permission denied",
                assertThrows(InputFormatException.class, () -> Utf8Lines.readBytes(locked)).getMessage());
    }

    @Test
    void aByteOrderMarkStartsTheFirstLineNotItsText() {
        byte[] bytes = "\uFEFF{\"a\":1}\n\uFEFFsecond\n".getBytes(StandardCharsets.UTF_8);
        Utf8Lines.Decoded decoded = Utf8Lines.decode(bytes, "bom.jsonl");
        assertEquals(List.of("{\"a\":1}", "\uFEFFsecond"), decoded.lines());
        assertEquals(List.of(), decoded.problems());
    }

    @Test
    void invalidUtf8AfterAByteOrderMarkKeepsItsFileOffset() {
        byte[] bytes = "\uFEFFok\nbad x\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 2] = (byte) 0xC3;
        Utf8Lines.Decoded decoded = Utf8Lines.decode(bytes, "f.txt");
        assertEquals("f.txt:2: invalid UTF-8 at byte offset 10 of the file", decoded.problems().get(0).toString());
    }

    @Test
    @Timeout(60)
    void aLineLongerThanTheLimitEndsTheReadWithOneLine() throws IOException {
        Path file = dir.resolve("long.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{}\n".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i <= Utf8LineReader.MAX_LINE_BYTES >> 20; i++) {
                out.write(chunk);
            }
        }
        InputFormatException e = assertThrows(InputFormatException.class, () -> {
            try (Utf8LineReader lines = Utf8LineReader.open(file)) {
                while (lines.next()) {
                    // line 1, then the long one
                }
            }
        });
        assertEquals(file + ": line 2 is longer than 16 MiB, xcot's limit for one line (real records stay under "
                + "1 MiB): not a JSON Lines file?", e.getMessage());
    }

    /** The streaming reader splits any bytes as the plain definition does: on \n, no line after a final \n. */
    @Test
    void streamedLinesMatchASplitOnNewlines() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 120; trial++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(trial < 100 ? 40 : 300_000); // the long ones cross the 64 KiB chunks
            for (int i = 0; i < length; i++) {
                int r = random.nextInt(20);
                text.append(r == 0 ? '\n' : r == 1 ? '\u00e9' : r == 2 ? '\r' : (char) ('a' + r));
            }
            Path file = Files.writeString(dir.resolve("t" + trial + ".txt"), text);
            List<String> streamed = new ArrayList<>();
            try (Utf8LineReader lines = Utf8LineReader.open(file)) {
                while (lines.next()) {
                    streamed.add(lines.text());
                }
            }
            List<String> expected = new ArrayList<>(List.of(text.toString().split("\n", -1)));
            if (text.toString().endsWith("\n") || text.isEmpty()) {
                expected.removeLast();
            }
            assertEquals(expected, streamed, "trial " + trial);
        }
    }
}
