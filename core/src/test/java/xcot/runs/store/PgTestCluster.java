package xcot.runs.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for tests: {@code initdb} into a temporary folder, started with {@code pg_ctl} on a
 * free port on 127.0.0.1 (no Unix socket, password authentication), stopped and deleted by {@link #close} (and by a
 * shutdown hook if a test run dies first). Never a system service.
 *
 * <p>initdb and postgres refuse to run as root, which is how CI runs: then every server command runs as the
 * unprivileged user {@code nobody} through util-linux's {@code setpriv}, and the cluster's folder is given to it.
 *
 * <p>The binaries are found on the PATH or in Debian's {@code /usr/lib/postgresql/<version>/bin} (where the
 * {@code postgresql} package puts them without linking them onto the PATH); {@link #binaries} is empty without them
 * and the tests that need a cluster are skipped with {@link #MISSING}.
 */
public final class PgTestCluster implements AutoCloseable {
    public static final String MISSING = "PostgreSQL's initdb and pg_ctl were not found on the PATH or in"
            + " /usr/lib/postgresql/*/bin (Debian: apt-get install postgresql); skipping the PostgreSQL tests";
    private static final int NOBODY = 65534;
    private static final String USER = "xcot";
    private final Path bin;
    private final Path dir;
    private final int port;
    private final String password;
    private final Thread stopAtExit;
    private final AtomicInteger databases = new AtomicInteger();

    private PgTestCluster(Path bin, Path dir, int port, String password) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.stopAtExit = new Thread(this::stop, "pg-test-cluster-stop");
    }

    /** The folder holding initdb and pg_ctl, if PostgreSQL is installed. */
    public static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry));
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
        } catch (IOException e) {
            // not Debian's layout
        }
        return candidates.stream()
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
                .findFirst().map(d -> d.resolve("initdb").toAbsolutePath())
                .map(p -> {
                    try {
                        return p.toRealPath().getParent();
                    } catch (IOException e) {
                        return p.getParent();
                    }
                });
    }

    /** A cluster with the server defaults (durable commits: fsync on), plus {@code settings}. */
    public static PgTestCluster start(Map<String, String> settings) throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(MISSING));
        Path dir = Files.createTempDirectory("xcot-pg-");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Files.writeString(dir.resolve("pwfile"), password + "\n");
        giveToServerUser(dir);
        run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--pwfile=" + dir.resolve("pwfile"), "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"),
                dir, 120);
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            StringBuilder conf = new StringBuilder("\n# xcot test cluster\nlisten_addresses = '127.0.0.1'\n")
                    .append("port = ").append(port).append("\nunix_socket_directories = ''\nmax_connections = 60\n");
            settings.forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
            Path confFile = dir.resolve("data/postgresql.auto.conf");
            Files.writeString(confFile, conf.toString());
            giveToServerUser(confFile);
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                        dir.resolve("server.log").toString(), "-w", "-t", "60", "start"), dir, 90);
                PgTestCluster cluster = new PgTestCluster(bin, dir, port, password);
                Runtime.getRuntime().addShutdownHook(cluster.stopAtExit);
                return cluster;
            } catch (IOException e) {
                lastFailure = e; // most likely the port was taken between the probe and the start
            }
        }
        throw lastFailure;
    }

    public int port() {
        return port;
    }

    public PgCredentials credentials() {
        return PgCredentials.of(USER, password);
    }

    /** The superuser's password (for tests of the password file, and for worker processes' PGPASSWORD). */
    public String password() {
        return password;
    }

    /** A new empty database on this cluster. */
    public PostgresTarget newDatabase() {
        String name = "t" + databases.incrementAndGet();
        try (Connection c = PostgresStore.connect(target("postgres"), credentials());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return target(name);
    }

    public PostgresTarget target(String database) {
        return new PostgresTarget("127.0.0.1", port, database, Map.of());
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) stop() itself
        }
    }

    private synchronized void stop() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
                    "stop"), dir, 60);
        } catch (IOException | InterruptedException e) {
            System.err.println("pg test cluster: stop failed: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("pg test cluster: cannot delete " + dir + ": " + e.getMessage());
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a server command, as {@code nobody} when this JVM is root; fails with the command's output. */
    private static void run(List<String> command, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        full.addAll(command);
        Path log = Files.createTempFile("xcot-pg-cmd", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(dir.toFile());
            pb.environment().put("HOME", dir.toString());
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " timed out after " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n"
                        + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void giveToServerUser(Path path) throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(Integer.toString(NOBODY)));
        GroupPrincipal group = users.lookupPrincipalByGroupName(Integer.toString(NOBODY));
        view.setGroup(group);
        if (Files.isDirectory(path)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.toList()) {
                    giveToServerUser(child);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
