package xcot.modelcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import xcot.fixtures.Downloads;

/**
 * Check results on disk, one small properties file per model hash ({@code <sha256>.properties}), and an index from
 * (absolute path, size, modification time) to hash, so that a 30 GB model is hashed once and not on every command.
 * A result records the llama.cpp commit and the check's version it was made with and counts only for those. Files
 * appear by atomic rename, so concurrent processes see whole files.
 */
final class CheckCache {
    private final Path dir;
    private final String llamaCommit;

    CheckCache(Path dir, String llamaCommit) {
        this.dir = dir;
        this.llamaCommit = llamaCommit;
    }

    Path dir() {
        return dir;
    }

    /** The SHA-256 of {@code file}, from the index when the file has not changed since it was hashed. */
    String sha256(Path file) throws IOException {
        Optional<String> indexed = indexedSha256(file);
        if (indexed.isPresent()) {
            return indexed.get();
        }
        Path absolute = file.toAbsolutePath().normalize();
        BasicFileAttributes a = Files.readAttributes(absolute, BasicFileAttributes.class);
        long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Path entry = indexEntry(absolute);
        String hash = Downloads.sha256(absolute);
        Properties index = new Properties();
        index.setProperty("path", absolute.toString());
        index.setProperty("size", Long.toString(a.size()));
        index.setProperty("mtimeNanos", Long.toString(mtime));
        index.setProperty("sha256", hash);
        store(entry, index);
        return hash;
    }

    /** The indexed SHA-256 of {@code file} if it was hashed and has not changed since; never reads the file. */
    Optional<String> indexedSha256(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        BasicFileAttributes a = Files.readAttributes(absolute, BasicFileAttributes.class);
        long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Properties p = load(indexEntry(absolute));
        if (p != null && absolute.toString().equals(p.getProperty("path"))
                && Long.toString(a.size()).equals(p.getProperty("size"))
                && Long.toString(mtime).equals(p.getProperty("mtimeNanos"))) {
            return Optional.ofNullable(p.getProperty("sha256"));
        }
        return Optional.empty();
    }

    private Path indexEntry(Path absolute) {
        return dir.resolve("index").resolve(Downloads.sha256(absolute.toString()) + ".properties");
    }

    Optional<CheckResult> find(String sha256) {
        Properties p;
        try {
            p = load(dir.resolve(sha256 + ".properties"));
        } catch (IOException e) {
            return Optional.empty(); // an unreadable entry is a missing one: the check runs again
        }
        if (p == null || !llamaCommit.equals(p.getProperty("llama"))
                || !Integer.toString(ModelCheck.CHECK_VERSION).equals(p.getProperty("check"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CheckResult(sha256, Boolean.parseBoolean(p.getProperty("passed")),
                    p.getProperty("reason", ""), Boolean.parseBoolean(p.getProperty("deep")),
                    Boolean.parseBoolean(p.getProperty("crashed")), Instant.parse(p.getProperty("checkedAt")),
                    Long.parseLong(p.getProperty("millis"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    void put(CheckResult r) {
        Properties p = new Properties();
        p.setProperty("passed", Boolean.toString(r.passed()));
        p.setProperty("reason", r.reason());
        p.setProperty("deep", Boolean.toString(r.deep()));
        p.setProperty("crashed", Boolean.toString(r.crashed()));
        p.setProperty("checkedAt", r.checkedAt().toString());
        p.setProperty("millis", Long.toString(r.millis()));
        p.setProperty("llama", llamaCommit);
        p.setProperty("check", Integer.toString(ModelCheck.CHECK_VERSION));
        try {
            store(dir.resolve(r.sha256() + ".properties"), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model-check cache in " + dir + ": " + xcot.io.InputFiles.detail(e), e);
        }
    }

    private static Properties load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    private static void store(Path file, Properties p) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                p.store(out, null);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
