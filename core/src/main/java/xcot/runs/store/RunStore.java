package xcot.runs.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.methods.Generated;
import xcot.methods.StopReason;

/**
 * A run's embedded SQLite store ({@code store.sqlite} in the run folder, WAL journal). It keeps every generation
 * (keyed by model file hash, prompt hash and parameters), every finished attempt, every sanitized CoT, every ensemble
 * CoT, and the run's fixed facts (e.g. its harmony date). Each write is its own transaction, and every key is
 * written with {@code INSERT OR IGNORE}: a process killed at any point loses at most the write in flight and never
 * leaves a duplicate; a rerun finds everything already done.
 *
 * <p>Not thread-safe: one runner thread owns it.
 */
public final class RunStore implements AutoCloseable {
    public static final String FILE = "store.sqlite";
    private static final int SCHEMA_VERSION = 1;
    private final Path path;
    private final Connection db;

    private RunStore(Path path, Connection db) {
        this.path = path;
        this.db = db;
    }

    /** Opens (creating if needed) the store of run folder {@code dir}. */
    public static RunStore open(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // WAL with NORMAL sync survives a killed process (the OS still has the pages); only a power loss
                // could lose the last commits, and they would simply be recomputed.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS file_hashes(path TEXT NOT NULL, size INTEGER NOT NULL,"
                        + " mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY(path, size, mtime_ns))");
                s.execute("CREATE TABLE IF NOT EXISTS generations(key TEXT PRIMARY KEY, model_sha256 TEXT NOT NULL,"
                        + " params TEXT NOT NULL, tokens BLOB NOT NULL, text TEXT NOT NULL, stop_reason TEXT NOT NULL,"
                        + " prompt_tokens INTEGER NOT NULL, budget_tokens INTEGER NOT NULL, decode_nanos INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS attempts(key TEXT PRIMARY KEY, slot TEXT NOT NULL,"
                        + " record TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS sanitized(remover TEXT NOT NULL, kind TEXT NOT NULL,"
                        + " input_sha256 TEXT NOT NULL, output TEXT NOT NULL, PRIMARY KEY(remover, kind, input_sha256))");
                s.execute("CREATE TABLE IF NOT EXISTS ensemble_cots(key TEXT PRIMARY KEY, record TEXT NOT NULL)");
            }
            RunStore store = new RunStore(file, db);
            String version = store.putMetaIfAbsent("schema-version", Integer.toString(SCHEMA_VERSION));
            if (!version.equals(Integer.toString(SCHEMA_VERSION))) {
                db.close();
                throw new StoreException(file + ": schema version " + version + ", this xcot writes "
                        + SCHEMA_VERSION + "; use a new run folder");
            }
            return store;
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException(file + ": cannot open the store: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Sets {@code key} unless set, and returns the stored value (the first one ever written). */
    public String putMetaIfAbsent(String key, String value) {
        update("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", key, value);
        return queryString("SELECT value FROM meta WHERE key = ?", key).orElseThrow();
    }

    public Optional<String> fileHash(String absolutePath, long size, long mtimeNanos) {
        return queryString("SELECT sha256 FROM file_hashes WHERE path = ? AND size = ? AND mtime_ns = ?",
                absolutePath, size, mtimeNanos);
    }

    public void putFileHash(String absolutePath, long size, long mtimeNanos, String sha256) {
        update("INSERT OR IGNORE INTO file_hashes(path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?)", absolutePath,
                size, mtimeNanos, sha256);
    }

    /** A stored generation and the decode time it took when it was made. */
    public record StoredGeneration(Generated generated, long decodeNanos) {}

    public Optional<StoredGeneration> generation(String key) {
        try (PreparedStatement p = db.prepareStatement("SELECT tokens, text, stop_reason, prompt_tokens,"
                + " budget_tokens, decode_nanos FROM generations WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Generated g = new Generated(Hashing.tokensOf(r.getBytes(1)), r.getString(2),
                        StopReason.valueOf(r.getString(3)), r.getInt(4), r.getInt(5));
                return Optional.of(new StoredGeneration(g, r.getLong(6)));
            }
        } catch (SQLException e) {
            throw new StoreException(path + ": cannot read generation " + key + ": " + e.getMessage(), e);
        }
    }

    public void putGeneration(String key, String modelSha256, String params, Generated g, long decodeNanos) {
        update("INSERT OR IGNORE INTO generations(key, model_sha256, params, tokens, text, stop_reason, prompt_tokens,"
                        + " budget_tokens, decode_nanos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", key, modelSha256, params,
                Hashing.tokenBytes(g.tokens()), g.text(), g.stopReason().name(), g.promptTokens(), g.budgetTokens(),
                decodeNanos);
    }

    public Optional<String> attempt(String key) {
        return queryString("SELECT record FROM attempts WHERE key = ?", key);
    }

    public void putAttempt(String key, String slot, String recordJson) {
        update("INSERT OR IGNORE INTO attempts(key, slot, record) VALUES (?, ?, ?)", key, slot, recordJson);
    }

    /** Every stored attempt record (JSON), in key order (for inspection and tests). */
    public List<String> attempts() {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT record FROM attempts ORDER BY key")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException(path + ": cannot list attempts: " + e.getMessage(), e);
        }
        return out;
    }

    public Optional<String> sanitized(String remover, String kind, String inputSha256) {
        return queryString("SELECT output FROM sanitized WHERE remover = ? AND kind = ? AND input_sha256 = ?",
                remover, kind, inputSha256);
    }

    public void putSanitized(String remover, String kind, String inputSha256, String output) {
        update("INSERT OR IGNORE INTO sanitized(remover, kind, input_sha256, output) VALUES (?, ?, ?, ?)", remover,
                kind, inputSha256, output);
    }

    public Optional<String> ensembleCot(String key) {
        return queryString("SELECT record FROM ensemble_cots WHERE key = ?", key);
    }

    public void putEnsembleCot(String key, String recordJson) {
        update("INSERT OR IGNORE INTO ensemble_cots(key, record) VALUES (?, ?)", key, recordJson);
    }

    /** Rows per table, for reports and tests. */
    public long count(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("bad table name " + table);
        }
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException(path + ": cannot count " + table + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> queryString(String sql, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            bind(p, args);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException(path + ": query failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            bind(p, args);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(path + ": write failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case String s -> p.setString(i + 1, s);
                case Integer n -> p.setInt(i + 1, n);
                case Long n -> p.setLong(i + 1, n);
                case byte[] b -> p.setBytes(i + 1, b);
                default -> throw new IllegalArgumentException("cannot bind " + args[i]);
            }
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException(path + ": cannot close: " + e.getMessage(), e);
        }
    }
}
