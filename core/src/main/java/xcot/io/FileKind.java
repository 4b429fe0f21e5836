package xcot.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What a path that is not a regular file is, in the words messages use: "a directory", "a FIFO (named pipe)", ... */
public final class FileKind {
    /** {@code st_mode}'s file-type bits of a named pipe. */
    private static final int FIFO = 0010000;

    private FileKind() {}

    public static String describe(Path path) throws IOException {
        return describe(path, Files.readAttributes(path, BasicFileAttributes.class));
    }

    /** "a directory", "a FIFO (named pipe)", "a character device", "a block device", "a socket" or "a special file". */
    public static String describe(Path path, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return switch (unixType(path)) {
            case FIFO -> "a FIFO (named pipe)";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            default -> "a special file";
        };
    }

    /** Whether the path is a named pipe (which a reader may stream, as from {@code <(zcat ...)}). */
    public static boolean isPipe(Path path) {
        return unixType(path) == FIFO;
    }

    /** {@code st_mode & S_IFMT} on Linux and other Unix systems; -1 where there is no unix view. */
    private static int unixType(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:mode") & 0170000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return -1;
        }
    }
}
