package xcot.runs.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.methods.Generated;
import xcot.methods.StopReason;

/** The SQL both backends share: the subclasses only open the connection and name the dialect. */
abstract sealed class JdbcStore implements RunStore permits SqliteStore, PostgresStore {
    private final String where;
    private final Connection db;
    private final int schemaVersion;

    JdbcStore(String where, Connection db, Dialect dialect) {
        this.where = where;
        this.db = db;
        try {
            this.schemaVersion = Migrations.apply(db, dialect, where);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(db);
            throw e instanceof StoreException s ? s
                    : new StoreException(where + ": cannot prepare the store: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public String putMetaIfAbsent(String key, String value) {
        update("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", key, value);
        return queryString("SELECT value FROM meta WHERE key = ?", key).orElseThrow();
    }

    @Override
    public Optional<String> fileHash(String absolutePath, long size, long mtimeNanos) {
        return queryString("SELECT sha256 FROM file_hashes WHERE path = ? AND size = ? AND mtime_ns = ?",
                absolutePath, size, mtimeNanos);
    }

    @Override
    public void putFileHash(String absolutePath, long size, long mtimeNanos, String sha256) {
        update("INSERT INTO file_hashes(path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                absolutePath, size, mtimeNanos, sha256);
    }

    @Override
    public Optional<StoredGeneration> generation(String key) {
        try (PreparedStatement p = db.prepareStatement("SELECT tokens, text, stop_reason, prompt_tokens,"
                + " budget_tokens, decode_nanos FROM generations WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Generated g = new Generated(TokenBlobs.decode(r.getBytes(1)), r.getString(2),
                        StopReason.valueOf(r.getString(3)), r.getInt(4), r.getInt(5));
                return Optional.of(new StoredGeneration(g, r.getLong(6)));
            }
        } catch (SQLException e) {
            throw new StoreException(where + ": cannot read generation " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void putGeneration(String key, String modelSha256, String params, Generated g, long decodeNanos) {
        update("INSERT INTO generations(key, model_sha256, params, tokens, text, stop_reason, prompt_tokens,"
                        + " budget_tokens, decode_nanos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                key, modelSha256, params, TokenBlobs.encode(g.tokens()), g.text(), g.stopReason().name(),
                g.promptTokens(), g.budgetTokens(), decodeNanos);
    }

    @Override
    public Optional<String> attempt(String key) {
        return queryString("SELECT record FROM attempts WHERE key = ?", key);
    }

    @Override
    public void putAttempt(String key, String slot, String recordJson) {
        update("INSERT INTO attempts(key, slot, record) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", key, slot,
                recordJson);
    }

    @Override
    public List<String> attemptRecords() {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT record FROM attempts ORDER BY key")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException(where + ": cannot list attempts: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public Optional<String> sanitized(String remover, String kind, String inputSha256) {
        return queryString("SELECT output FROM sanitized WHERE remover = ? AND kind = ? AND input_sha256 = ?",
                remover, kind, inputSha256);
    }

    @Override
    public void putSanitized(String remover, String kind, String inputSha256, String output) {
        update("INSERT INTO sanitized(remover, kind, input_sha256, output) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                remover, kind, inputSha256, output);
    }

    @Override
    public Optional<String> ensembleCot(String key) {
        return queryString("SELECT record FROM ensemble_cots WHERE key = ?", key);
    }

    @Override
    public void putEnsembleCot(String key, String recordJson) {
        update("INSERT INTO ensemble_cots(key, record) VALUES (?, ?) ON CONFLICT DO NOTHING", key, recordJson);
    }

    @Override
    public long count(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not a store table: " + table + " (one of " + TABLES + ")");
        }
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException(where + ": cannot count " + table + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> queryString(String sql, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            Sql.bind(p, args);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException(where + ": query failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            Sql.bind(p, args);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(where + ": write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException(where + ": cannot close: " + e.getMessage(), e);
        }
    }

    static void closeQuietly(Connection db) {
        try {
            db.close();
        } catch (SQLException ignored) {
            // the error that matters is the one being reported
        }
    }
}
