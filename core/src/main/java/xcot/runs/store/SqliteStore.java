package xcot.runs.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: {@code store.sqlite} in the generation cache folder, WAL journal, one connection. A reader
 * (another process, a test) can read while a run writes, and runs in several processes share it (writes wait for each
 * other's transactions).
 */
public final class SqliteStore extends JdbcStore {
    public static final String FILE = "store.sqlite";
    private final Path file;

    private SqliteStore(Path file, Connection db) {
        super(file.toString(), db, Dialect.SQLITE);
        this.file = file;
    }

    /** Opens (creating if needed) the store in folder {@code dir}. */
    public static SqliteStore open(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            return new SqliteStore(file, connect(file));
        } catch (SQLException | IOException e) {
            throw new StoreException(file + ": cannot open the store: " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // WAL with NORMAL sync survives a killed process (the OS still has the pages); only a power loss could lose
        // the last commits, and they would simply be recomputed.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        // A transaction takes the write lock when it begins, so two processes migrating or publishing at once wait
        // for each other instead of failing to upgrade a read lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    public Path file() {
        return file;
    }

    @Override
    public WorkQueue workQueue() {
        try {
            return new JdbcWorkQueue(describe(), connect(file), Dialect.SQLITE);
        } catch (SQLException e) {
            throw new StoreException(file + ": cannot open the work queue: " + e.getMessage(), e);
        }
    }
}
