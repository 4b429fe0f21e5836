package xcot.runs.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import xcot.runs.export.RunFiles;

/**
 * The lock a run holds on its folder: an OS lock on {@code run.lock}, which names the holder (process id, start
 * time). The OS releases it when the process dies, however it dies, so a lock file left by a killed run does not stop
 * the next run; a live holder does. Released and deleted by {@link #close()}.
 */
public final class RunLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of run folder {@code dir} (created if missing).
     *
     * @throws RunFolderException when another process holds it
     */
    public static RunLock acquire(Path dir) {
        Path file = dir.resolve(RunFiles.LOCK);
        try {
            Files.createDirectories(dir);
            while (true) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                Object opened = fileKey(file);
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    String holder = holder(channel);
                    channel.close();
                    throw new RunFolderException(dir + ": another xcot process is writing this folder ("
                            + holder + "); wait for it to finish, or give another --out");
                }
                // A holder that was finishing may have deleted the file we opened (and another process made a new
                // one): then our lock is on a file nobody else sees, so take the lock of the file that is there.
                if (Files.exists(file) && java.util.Objects.equals(opened, fileKey(file))) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since "
                            + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(false);
                    return new RunLock(file, channel, lock);
                }
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot lock: " + e.getMessage(), e);
        }
    }

    /** Whether a live process holds the lock of {@code dir} (false when there is no lock file or only a stale one). */
    public static boolean isHeld(Path dir) {
        Path file = dir.resolve(RunFiles.LOCK);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The lock, or null when another process (or another channel of this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        int n = channel.read(buffer, 0);
        String text = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "holder unknown" : text;
    }

    /** The file's identity (device and inode), or null when it is gone. */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot release: " + e.getMessage(), e);
        }
    }
}
