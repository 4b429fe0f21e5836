package xcot.runs.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who connects to a PostgreSQL store, as libpq decides it: the user from {@code PGUSER} (else the operating-system
 * user), the password from {@code PGPASSWORD}; without one the JDBC driver looks the password up in the password
 * file ({@code PGPASSFILE}, else {@code ~/.pgpass}) by host, port, database and user. Never read from a config file.
 *
 * <p>The password is never part of a message: {@link #toString} says only whether one is set.
 */
public final class PgCredentials {
    private final String user;
    private final String password;

    private PgCredentials(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = password;
    }

    /** From an environment such as {@link System#getenv()}. */
    public static PgCredentials fromEnvironment(Map<String, String> env) {
        String user = env.getOrDefault("PGUSER", "");
        if (user.isEmpty()) {
            user = System.getProperty("user.name");
        }
        String password = env.get("PGPASSWORD");
        return new PgCredentials(user, password == null || password.isEmpty() ? null : password);
    }

    public static PgCredentials of(String user, String password) {
        return new PgCredentials(user, password);
    }

    public String user() {
        return user;
    }

    /** Package-private: only the connection code reads it. */
    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    @Override
    public String toString() {
        return "PgCredentials[user=" + user + ", password " + (password == null ? "from the password file" : "set")
                + "]";
    }
}
