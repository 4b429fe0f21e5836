package xcot.runs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a PostgreSQL cluster of the test's own, plus what only PostgreSQL has: credentials. */
class PostgresStoreContractTest extends StoreContract {
    private static PgTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(PgTestCluster.binaries().isPresent(), PgTestCluster.MISSING);
        // Commits need not be durable in a throw-away cluster; the benchmark keeps the defaults.
        cluster = PgTestCluster.start(Map.of("fsync", "off", "synchronous_commit", "off"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    RunStore newStore() {
        return PostgresStore.open(cluster.newDatabase(), cluster.credentials());
    }

    @Override
    RunStore reopen(RunStore store) {
        return PostgresStore.open(((PostgresStore) store).target(), cluster.credentials());
    }

    @Override
    Connection raw(RunStore store) {
        return PostgresStore.connect(((PostgresStore) store).target(), cluster.credentials());
    }

    @Test
    void theStoreOpensFromItsUrlAndEnvironmentCredentials() {
        PostgresTarget db = cluster.newDatabase();
        String url = "postgresql://127.0.0.1:" + cluster.port() + "/" + db.database() + "?connectTimeout=5";
        StoreLocation location = StoreLocation.of(url, Path.of("unused"),
                Map.of("PGUSER", cluster.credentials().user(), "PGPASSWORD", cluster.password()));
        try (RunStore store = RunStore.open(location)) {
            assertEquals("postgresql://127.0.0.1:" + cluster.port() + "/" + db.database(), store.describe());
            store.putAttempt("a", "s", "{}");
            assertEquals(1, store.count("attempts"));
        }
    }

    @Test
    void withoutPgpasswordThePasswordFileIsRead(@TempDir Path tmp) throws Exception {
        PostgresTarget db = cluster.newDatabase();
        Path pgpass = tmp.resolve("pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + cluster.port() + ":" + db.database() + ":xcot:" + cluster.password()
                + "\n");
        Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        PgCredentials fromEnv = PgCredentials.fromEnvironment(Map.of("PGUSER", "xcot"));
        assertEquals("PgCredentials[user=xcot, password from the password file]", fromEnv.toString());
        String before = System.getProperty("org.postgresql.pgpassfile");
        System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
        try (RunStore store = PostgresStore.open(db, fromEnv)) {
            assertEquals(0, store.count("attempts"));
        } finally {
            if (before == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", before);
            }
        }
    }

    @Test
    void aPasswordNeverAppearsInAnyMessage() {
        String secret = "Sekr3t-" + Long.toHexString(System.nanoTime());
        PostgresTarget db = cluster.newDatabase();

        // A wrong password from the environment: refused, and neither the message nor any cause nor the trace has it.
        PgCredentials wrong = PgCredentials.fromEnvironment(Map.of("PGUSER", "xcot", "PGPASSWORD", secret));
        assertFalse(wrong.toString().contains(secret), wrong.toString());
        StoreException e = assertThrows(StoreException.class, () -> PostgresStore.open(db, wrong));
        assertTrue(e.getMessage().startsWith(db + ": cannot connect as xcot: "), e.getMessage());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertNoSecret(e, secret);

        // Nothing listening: the connection error names the place, not the password.
        PostgresTarget closed = new PostgresTarget("127.0.0.1", 1, "x", Map.of());
        assertNoSecret(assertThrows(StoreException.class, () -> PostgresStore.open(closed, wrong)), secret);

        // Credentials in the URL are refused without being repeated.
        for (String url : new String[] {"postgresql://xcot:" + secret + "@127.0.0.1/db",
                "postgresql://127.0.0.1/db?password=" + secret, "postgresql://127.0.0.1/db?sslmode=x&Password=" + secret,
                "postgresql://" + secret + "@127.0.0.1/db", "postgresql://127.0.0.1:" + secret + "/db",
                "nosuchscheme://" + secret}) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> StoreLocation.of(url, Path.of("run"), Map.of()), url);
            assertNoSecret(bad, secret);
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PostgresTarget.parse("postgresql://u:" + secret + "@h/db")).getMessage()
                .contains("set PGUSER and PGPASSWORD in the environment or use ~/.pgpass"));
    }

    private static void assertNoSecret(Throwable t, String secret) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(secret), trace.toString());
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertFalse(String.valueOf(c.getMessage()).contains(secret), c.toString());
        }
    }
}
