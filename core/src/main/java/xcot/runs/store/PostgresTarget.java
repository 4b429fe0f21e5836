package xcot.runs.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL store is: {@code postgresql://host[:port]/database[?key=value&...]} (the config's {@code store}
 * key, {@code --store}). Credentials never come from here: a user or password in the URL is refused, because the URL
 * lives in a config file that is copied, committed and printed ({@link PgCredentials} reads them from the
 * environment or {@code ~/.pgpass}). Query parameters other than {@code user} and {@code password} go to the JDBC
 * driver as they are (e.g. {@code sslmode=verify-full}).
 *
 * @param host      host name or address (IPv6 without brackets)
 * @param port      TCP port (5432 when the URL names none)
 * @param database  database name
 * @param options   driver options from the query string, in order
 */
public record PostgresTarget(String host, int port, String database, Map<String, String> options) {
    public static final int DEFAULT_PORT = 5432;
    private static final Pattern URL = Pattern.compile(
            "postgres(?:ql)?://(?<host>\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(?::(?<port>[0-9]{1,5}))?/(?<db>[A-Za-z0-9_.-]+)"
                    + "(?:\\?(?<query>.*))?");
    private static final Pattern OPTION = Pattern.compile("(?<key>[A-Za-z][A-Za-z0-9_]*)=(?<value>[A-Za-z0-9._/:-]*)");

    public PostgresTarget {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options)); // in the order given
    }

    /** Whether {@code spec} names a PostgreSQL store (as opposed to the run folder's SQLite file). */
    public static boolean isUrl(String spec) {
        return spec.startsWith("postgresql:") || spec.startsWith("postgres:");
    }

    /**
     * Parses a store URL. The messages never repeat the text after the scheme, which could hold a password.
     *
     * @throws IllegalArgumentException when the URL is malformed or carries credentials
     */
    public static PostgresTarget parse(String url) {
        int authority = url.indexOf("://");
        int path = authority < 0 ? -1 : url.indexOf('/', authority + 3);
        String hostPart = authority < 0 ? "" : url.substring(authority + 3, path < 0 ? url.length() : path);
        if (hostPart.contains("@")) {
            throw new IllegalArgumentException("the store URL holds credentials; leave them out and set PGUSER and"
                    + " PGPASSWORD in the environment or use ~/.pgpass");
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a store URL of the form postgresql://host[:port]/database");
        }
        String host = m.group("host");
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = m.group("port") == null ? DEFAULT_PORT : Integer.parseInt(m.group("port"));
        Map<String, String> options = new LinkedHashMap<>();
        String query = m.group("query");
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                Matcher o = OPTION.matcher(pair);
                String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')).toLowerCase(Locale.ROOT) : "";
                if (key.equals("password") || key.equals("user")) {
                    throw new IllegalArgumentException("the store URL holds credentials; leave them out and set"
                            + " PGUSER and PGPASSWORD in the environment or use ~/.pgpass");
                }
                if (!o.matches()) {
                    throw new IllegalArgumentException("the store URL's query is not key=value pairs joined by &");
                }
                options.put(o.group("key"), o.group("value"));
            }
        }
        return new PostgresTarget(host, port, m.group("db"), options);
    }

    /** The driver's URL: host, port, database and the options; no credentials. */
    String jdbcUrl() {
        StringBuilder s = new StringBuilder("jdbc:postgresql://").append(hostForUrl()).append(':').append(port)
                .append('/').append(database);
        String separator = "?";
        for (var e : options.entrySet()) {
            s.append(separator).append(e.getKey()).append('=').append(e.getValue());
            separator = "&";
        }
        return s.toString();
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** {@code postgresql://host:port/database}, for messages. */
    @Override
    public String toString() {
        return "postgresql://" + hostForUrl() + ":" + port + "/" + database;
    }
}
