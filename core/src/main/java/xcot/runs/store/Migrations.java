package xcot.runs.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small versioned-SQL runner (Flyway's model without Flyway: its core and PostgreSQL module are megabytes of jars
 * and a class-path scan at every start, for what is here one table and a loop). The migrations are the files of
 * {@link #FILES}, each from {@code xcot/runs/store/<dialect>/} where the dialects need different SQL and from
 * {@code xcot/runs/store/common/} where they do not, applied in order, each in one transaction with its
 * row in {@code schema_migrations} (version, name, sha256 of the text). On every open the applied rows are checked:
 * a changed migration file or a version this xcot does not know stops with one line instead of writing into a schema
 * it does not understand.
 *
 * <p>Several workers opening one PostgreSQL store at once serialize on a transaction-scoped advisory lock; SQLite
 * connections open their transactions IMMEDIATE, which takes the write lock up front.
 *
 * <p>V1 is the schema stores had before versioning, written with {@code IF NOT EXISTS}, so an older store is adopted
 * as it is.
 */
final class Migrations {
    /** In order; the version is the number after the V. Append, never edit or reorder. */
    static final List<String> FILES = List.of("V1__run_store.sql", "V2__work_queue.sql");
    /** Any constant: the key of the advisory lock that serializes migrations on one PostgreSQL database. */
    private static final long PG_LOCK_KEY = 0x78636f74_6d696772L;

    record Migration(int version, String name, String sql, String sha256) {}

    private Migrations() {}

    static List<Migration> of(Dialect dialect) {
        List<Migration> out = new ArrayList<>();
        for (String file : FILES) {
            String resource = "/xcot/runs/store/" + dialect.migrations + "/" + file;
            if (Migrations.class.getResource(resource) == null) {
                resource = "/xcot/runs/store/common/" + file;
            }
            try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing migration resource " + resource);
                }
                String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
                out.add(new Migration(version, file, sql, sha256(sql)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
        }
        return out;
    }

    /**
     * Brings the schema of {@code db} to the newest version and returns it.
     *
     * @param where the store's description for messages
     */
    static int apply(Connection db, Dialect dialect, String where) throws SQLException {
        List<Migration> migrations = of(dialect);
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("SELECT pg_advisory_xact_lock(" + PG_LOCK_KEY + ")");
            }
            s.execute("CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    + " sha256 TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
            Map<Integer, String> applied = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery("SELECT version, sha256 FROM schema_migrations ORDER BY version")) {
                while (r.next()) {
                    applied.put(r.getInt(1), r.getString(2));
                }
            }
            int newest = migrations.getLast().version();
            int storeVersion = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (storeVersion > newest) {
                throw new StoreException(where + ": the store's schema is at version " + storeVersion
                        + ", newer than this xcot's " + newest + "; use a newer xcot or a new store");
            }
            for (var e : applied.entrySet()) {
                Migration m = migrations.get(e.getKey() - 1);
                if (!m.sha256().equals(e.getValue())) {
                    throw new StoreException(where + ": migration " + m.name() + " was applied with different text"
                            + " (sha256 " + e.getValue() + ", this xcot has " + m.sha256() + ")");
                }
            }
            for (Migration m : migrations) {
                if (applied.containsKey(m.version())) {
                    continue;
                }
                for (String statement : statements(m.sql())) {
                    s.execute(statement);
                }
                try (PreparedStatement p = db.prepareStatement("INSERT INTO schema_migrations(version, name, sha256,"
                        + " applied_ms) VALUES (?, ?, ?, " + dialect.nowMillis + ")")) {
                    p.setInt(1, m.version());
                    p.setString(2, m.name());
                    p.setString(3, m.sha256());
                    p.executeUpdate();
                }
            }
            db.commit();
            return newest;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    /** The statements of a migration file: split at semicolons ending a line; whole-line {@code --} comments dropped. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            throw new IllegalStateException("a migration ends without ';': " + current.toString().strip());
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
