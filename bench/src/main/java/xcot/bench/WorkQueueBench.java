package xcot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import xcot.runs.store.ClaimResult;
import xcot.runs.store.PgTestCluster;
import xcot.runs.store.PostgresStore;
import xcot.runs.store.RunStore;
import xcot.runs.store.SqliteStore;
import xcot.runs.store.UnitSpec;
import xcot.runs.store.WorkQueue;

/**
 * The work queue with empty work: one invocation publishes a plan of {@code units} units (not measured) and
 * {@code workers} threads, each on its own connection as separate worker processes would be, drain it by claim +
 * complete until the queue answers Complete. Score: ms per drained plan; per unit = score / units, units/s = units /
 * score. PostgreSQL is a cluster of the benchmark's own (the test cluster: initdb, 127.0.0.1, server defaults, so
 * every commit is fsynced); the SQLite store is the baseline in the same run (WAL, synchronous=NORMAL: commits are not
 * fsynced). Units alternate between two affinities (two models), and every worker prefers one.
 * Run with {@code bench/run-benchmarks.sh queue}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class WorkQueueBench {
    /**
     * {@code postgresql}: server defaults, every commit waits for its WAL flush (fsync), as a production server;
     * {@code postgresql-async}: {@code synchronous_commit = off}, which leaves the queue's own cost (SQL, round trips,
     * locking) without the disk's; {@code sqlite}: the embedded store, the baseline.
     */
    @Param({"postgresql", "postgresql-async", "sqlite"})
    public String backend;

    @Param({"1000", "5000"})
    public int units;

    @Param({"1", "4"})
    public int workers;

    private static final Duration LEASE = Duration.ofMinutes(5);
    private PgTestCluster cluster;
    private Path sqliteDir;
    private RunStore store;
    private WorkQueue publisher;
    private final List<RunStore> workerStores = new ArrayList<>();
    private final List<WorkQueue> queues = new ArrayList<>();
    private ExecutorService pool;
    private final AtomicInteger plans = new AtomicInteger();
    private String plan;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (backend.startsWith("postgresql")) {
            cluster = PgTestCluster.start(backend.equals("postgresql-async") ? Map.of("synchronous_commit", "off")
                    : Map.of());
            store = PostgresStore.open(cluster.newDatabase(), cluster.credentials());
        } else {
            sqliteDir = Files.createTempDirectory("xcot-queue-bench");
            store = SqliteStore.open(sqliteDir);
        }
        publisher = store.workQueue();
        for (int w = 0; w < workers; w++) {
            RunStore s = cluster != null
                    ? PostgresStore.open(((PostgresStore) store).target(), cluster.credentials())
                    : SqliteStore.open(sqliteDir);
            workerStores.add(s);
            queues.add(s.workQueue());
        }
        pool = Executors.newFixedThreadPool(workers);
    }

    @Setup(Level.Invocation)
    public void publish() {
        plan = "plan-" + plans.incrementAndGet();
        List<UnitSpec> specs = new ArrayList<>(units);
        for (int i = 0; i < units; i++) {
            specs.add(new UnitSpec("unit-" + i, "model-" + (i % 2)));
        }
        publisher.publish(plan, specs);
    }

    @Benchmark
    public int drain() throws Exception {
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            WorkQueue q = queues.get(w);
            String worker = "w" + w;
            String affinity = "model-" + (w % 2);
            done.add(pool.submit(() -> {
                int n = 0;
                while (true) {
                    ClaimResult r = q.claim(plan, worker, affinity, LEASE);
                    if (r instanceof ClaimResult.Claimed(var claim)) {
                        q.complete(claim);
                        n++;
                    } else if (r instanceof ClaimResult.Complete) {
                        return n;
                    } else {
                        Thread.onSpinWait(); // the last units are held by other workers for a moment
                    }
                }
            }));
        }
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get();
        }
        if (total != units) {
            throw new IllegalStateException("drained " + total + " of " + units + " units");
        }
        return total;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        pool.shutdownNow();
        queues.forEach(WorkQueue::close);
        workerStores.forEach(RunStore::close);
        publisher.close();
        store.close();
        if (cluster != null) {
            cluster.close();
        }
        if (sqliteDir != null) {
            try (Stream<Path> files = Files.walk(sqliteDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
