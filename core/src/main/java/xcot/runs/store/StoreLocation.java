package xcot.runs.store;

import java.nio.file.Path;
import java.util.Map;

/** Which store a run uses: a SQLite file (the default: the shared generation cache) or a PostgreSQL database. */
public sealed interface StoreLocation {
    /** {@code store.sqlite} in folder {@code dir}: the shared generation cache (or a folder a test names). */
    record Sqlite(Path dir) implements StoreLocation {}

    /** A PostgreSQL database, with the credentials to reach it. */
    record Postgres(PostgresTarget target, PgCredentials credentials) implements StoreLocation {}

    /**
     * The location a config's {@code store} key or {@code --store} names.
     *
     * @param spec   {@code null} or empty for the SQLite store in {@code cache}; else {@code postgresql://...}
     * @param cache  the shared generation cache folder
     * @param env    where credentials come from ({@link System#getenv()})
     * @throws IllegalArgumentException for anything else; the message never repeats the spec (it may hold a secret)
     */
    static StoreLocation of(String spec, Path cache, Map<String, String> env) {
        if (spec == null || spec.isBlank()) {
            return new Sqlite(cache);
        }
        if (PostgresTarget.isUrl(spec)) {
            return new Postgres(PostgresTarget.parse(spec), PgCredentials.fromEnvironment(env));
        }
        throw new IllegalArgumentException("a store is postgresql://host[:port]/database, or left out for the"
                + " generation cache's SQLite file");
    }
}
