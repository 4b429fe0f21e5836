package xcot.runs.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A store in a PostgreSQL database, shared by every worker of a run: the same tables and upserts as
 * {@link SqliteStore}, with PostgreSQL's types. One connection per store; the work queue opens its own.
 *
 * <p>Content-keyed rows (generations, attempts, sanitized and ensemble CoTs, file hashes) may be shared by several
 * runs in one database: a key names its inputs fully. The {@code meta} facts (the harmony date) are per database.
 */
public final class PostgresStore extends JdbcStore {
    private final PostgresTarget target;
    private final PgCredentials credentials;

    private PostgresStore(PostgresTarget target, PgCredentials credentials, Connection db) {
        super(target.toString(), db, Dialect.POSTGRESQL);
        this.target = target;
        this.credentials = credentials;
        asynchronousCommits(db);
    }

    /**
     * The results' commits (this connection's, after the migrations) do not wait for their WAL flush: with tiny
     * models a result takes less time to compute than an fsync, and a result lost in a database crash is simply
     * computed again, as SQLite's {@code synchronous=NORMAL} allows too. The work queue's connection keeps durable
     * commits, and since flushing the WAL up to a unit's completion flushes every record before it, a unit the
     * queue reports done never lacks a result its worker committed before completing it.
     */
    private void asynchronousCommits(Connection db) {
        try (Statement s = db.createStatement()) {
            s.execute("SET synchronous_commit = off");
        } catch (SQLException e) {
            closeQuietly(db);
            throw new StoreException(target + ": cannot set synchronous_commit: " + e.getMessage(), e);
        }
    }

    public static PostgresStore open(PostgresTarget target, PgCredentials credentials) {
        return new PostgresStore(target, credentials, connect(target, credentials));
    }

    static Connection connect(PostgresTarget target, PgCredentials credentials) {
        Properties p = new Properties();
        p.setProperty("user", credentials.user());
        credentials.password().ifPresent(password -> p.setProperty("password", password));
        p.setProperty("ApplicationName", "xcot");
        p.setProperty("connectTimeout", "10");
        // A worker whose database host vanished should notice, not wait on a half-open socket for ever.
        p.setProperty("tcpKeepAlive", "true");
        try {
            return DriverManager.getConnection(target.jdbcUrl(), p);
        } catch (SQLException e) {
            throw new StoreException(target + ": cannot connect as " + credentials.user() + ": " + e.getMessage(), e);
        }
    }

    public PostgresTarget target() {
        return target;
    }

    @Override
    public WorkQueue workQueue() {
        return new JdbcWorkQueue(describe(), connect(target, credentials), Dialect.POSTGRESQL);
    }
}
