package xcot.runs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreContractTest extends StoreContract {
    @TempDir
    Path dir;
    private final AtomicInteger runs = new AtomicInteger();

    @Override
    RunStore newStore() {
        return SqliteStore.open(dir.resolve("run" + runs.incrementAndGet()));
    }

    @Override
    RunStore reopen(RunStore store) {
        return SqliteStore.open(((SqliteStore) store).file().getParent());
    }

    @Override
    Connection raw(RunStore store) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + ((SqliteStore) store).file());
    }

    @Test
    void aStoreFromBeforeVersioningIsAdoptedWithItsRows() throws Exception {
        Path run = dir.resolve("old");
        java.nio.file.Files.createDirectories(run);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + run.resolve(SqliteStore.FILE));
                Statement s = c.createStatement()) {
            // The schema as the unversioned RunStore created it, with a row in it.
            s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE attempts(key TEXT PRIMARY KEY, slot TEXT NOT NULL, record TEXT NOT NULL)");
            s.execute("INSERT INTO meta VALUES ('schema-version', '1')");
            s.execute("INSERT INTO attempts VALUES ('k', 'slot', '{\"old\":true}')");
        }
        try (RunStore store = SqliteStore.open(run)) {
            assertEquals(Migrations.FILES.size(), store.schemaVersion());
            assertEquals(Optional.of("{\"old\":true}"), store.attempt("k"));
            assertEquals(0, store.count("generations"));
        }
    }
}
