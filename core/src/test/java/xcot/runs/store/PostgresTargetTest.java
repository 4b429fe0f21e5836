package xcot.runs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Store URLs and locations, without a server. */
class PostgresTargetTest {
    @Test
    void urlsParseToTheDriversUrlWithoutCredentials() {
        PostgresTarget t = PostgresTarget.parse("postgresql://db.example.org/xcot_runs");
        assertEquals(new PostgresTarget("db.example.org", 5432, "xcot_runs", Map.of()), t);
        assertEquals("jdbc:postgresql://db.example.org:5432/xcot_runs", t.jdbcUrl());
        assertEquals("postgresql://db.example.org:5432/xcot_runs", t.toString());

        PostgresTarget withOptions = PostgresTarget.parse("postgres://10.0.0.7:6543/r?sslmode=verify-full&connectTimeout=3");
        assertEquals("jdbc:postgresql://10.0.0.7:6543/r?sslmode=verify-full&connectTimeout=3", withOptions.jdbcUrl());

        PostgresTarget v6 = PostgresTarget.parse("postgresql://[::1]:5433/r");
        assertEquals("::1", v6.host());
        assertEquals("jdbc:postgresql://[::1]:5433/r", v6.jdbcUrl());
    }

    @Test
    void badUrlsAreOneLineErrors() {
        for (String url : List.of("postgresql://host", "postgresql:///db", "postgresql://host:99999/db",
                "postgresql://host/db?sslmode", "postgresql://host/db name")) {
            assertThrows(IllegalArgumentException.class, () -> PostgresTarget.parse(url), url);
        }
    }

    @Test
    void noStoreMeansTheRunFoldersSqliteFile() {
        Path run = Path.of("xcot-runs/demo");
        assertEquals(new StoreLocation.Sqlite(run), StoreLocation.of(null, run, Map.of()));
        assertEquals(new StoreLocation.Sqlite(run), StoreLocation.of("", run, Map.of()));
        StoreLocation.Postgres pg = assertInstanceOf(StoreLocation.Postgres.class,
                StoreLocation.of("postgresql://h/db", run, Map.of("PGUSER", "runner")));
        assertEquals("runner", pg.credentials().user());
        assertThrows(IllegalArgumentException.class, () -> StoreLocation.of("store.sqlite", run, Map.of()));
    }

    @Test
    void migrationFilesSplitIntoStatements() {
        assertEquals(List.of("CREATE TABLE a(x INTEGER)", "CREATE INDEX i ON a(x)\n    WHERE x > 0"),
                Migrations.statements("-- a comment\nCREATE TABLE a(x INTEGER);\n\nCREATE INDEX i ON a(x)\n"
                        + "    WHERE x > 0;\n"));
        assertThrows(IllegalStateException.class, () -> Migrations.statements("CREATE TABLE a(x INTEGER)\n"));
        for (Dialect d : Dialect.values()) {
            assertEquals(Migrations.FILES.size(), Migrations.of(d).size(), d.name());
        }
    }
}
