package xcot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xcot.runs.store.PgTestCluster;
import xcot.runs.store.PostgresTarget;

/**
 * A whole-run harness (not JMH: one run is tens of seconds): the toy demo config run by 1, 2 and 3 {@code xcot run
 * --worker} processes against one PostgreSQL database each (a cluster of the harness's own: initdb, 127.0.0.1, server
 * defaults, so every commit is fsynced), with the baseline in the same session: the same config in one plain
 * {@code xcot run} process on the run folder's SQLite store. Each configuration runs {@code repeats} times from an
 * empty store, in rotation so a load change hits all alike; each shared run is exported and its {@code answers.jsonl}
 * compared with the baseline's, byte for byte. Reported: wall time from the workers' launch to the last one's exit
 * (JVM start, checks and planning included, as a user sees it), the queue units each worker ran, and the workers'
 * claim and complete latencies (median of each worker's median).
 *
 * <p>Run with {@code bench/run-workers.sh}: {@code WorkerScaling LAUNCHER CONFIG OUT_DIR [repeats] [workers,...]}.
 */
public final class WorkerScaling {
    private static final Pattern QUEUE = Pattern.compile(
            "queue +claim (\\d+) calls, median ([0-9.]+) ms, p90 ([0-9.]+) ms, max [0-9.]+ ms; complete (\\d+) calls,"
                    + " median ([0-9.]+) ms, p90 ([0-9.]+) ms");
    private static final Pattern UNITS = Pattern.compile("is complete \\((\\d+) units\\); this worker ran (\\d+)");

    private WorkerScaling() {}

    record Shared(int workers, double wallSeconds, int planUnits, int[] unitsPerWorker, double claimMedianMillis,
                  double claimP90Millis, double completeMedianMillis, double completeP90Millis, boolean sameAnswers) {}

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args[0]).toAbsolutePath();
        Path config = Path.of(args[1]).toAbsolutePath();
        Path out = Path.of(args[2]).toAbsolutePath();
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int[] counts = args.length > 4 ? Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2, 3};
        Files.createDirectories(out);
        List<Double> baseline = new ArrayList<>();
        List<Shared> shared = new ArrayList<>();
        try (PgTestCluster cluster = PgTestCluster.start(Map.of())) {
            for (int r = 0; r < repeats; r++) {
                Path single = out.resolve("single-" + r);
                long t0 = System.nanoTime();
                // A generation cache of its own, empty: the baseline computes every unit, as the workers do.
                Map<String, String> fresh = Map.of("XCOT_GENERATION_CACHE", out.resolve("cache-" + r).toString());
                if (run(launcher, List.of("run", config.toString(), "--out", single.toString()), fresh,
                        out.resolve("single-" + r + ".out"), out.resolve("single-" + r + ".err")).waitFor() != 0) {
                    throw new IllegalStateException("the baseline run failed; see " + out);
                }
                baseline.add((System.nanoTime() - t0) / 1e9);
                System.out.printf(Locale.ROOT, "baseline (1 process, SQLite) #%d: %.1f s%n", r + 1, baseline.getLast());
                for (int n : counts) {
                    Shared s = shared(launcher, config, out.resolve("w" + n + "-" + r), cluster, n,
                            out.resolve("single-0").resolve("answers.jsonl"));
                    shared.add(s);
                    System.out.printf(Locale.ROOT, "%d worker(s) #%d: %.1f s, units %s, claim median %.2f ms,"
                            + " complete median %.2f ms, same answers: %s%n", n, r + 1, s.wallSeconds(),
                            Arrays.toString(s.unitsPerWorker()), s.claimMedianMillis(), s.completeMedianMillis(),
                            s.sameAnswers());
                }
            }
        }
        Files.writeString(out.resolve("workers.json"), json(baseline, shared));
    }

    private static Shared shared(Path launcher, Path config, Path dir, PgTestCluster cluster, int n, Path answers)
            throws Exception {
        Files.createDirectories(dir);
        PostgresTarget db = cluster.newDatabase();
        Map<String, String> env = Map.of("PGUSER", cluster.credentials().user(), "PGPASSWORD", cluster.password());
        List<Process> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int w = 0; w < n; w++) {
            workers.add(run(launcher, List.of("run", config.toString(), "--store", db.toString(), "--worker",
                    "--worker-name", "w" + w), env, dir.resolve("w" + w + ".out"), dir.resolve("w" + w + ".err")));
        }
        for (Process p : workers) {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("a worker failed; see " + dir);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        int planUnits = 0;
        int[] units = new int[n];
        double[] claim = new double[n];
        double[] claimP90 = new double[n];
        double[] complete = new double[n];
        double[] completeP90 = new double[n];
        for (int w = 0; w < n; w++) {
            String text = Files.readString(dir.resolve("w" + w + ".out"));
            Matcher u = UNITS.matcher(text);
            Matcher q = QUEUE.matcher(text);
            if (!u.find() || !q.find()) {
                throw new IllegalStateException("worker " + w + " printed no summary: " + text);
            }
            planUnits = Integer.parseInt(u.group(1));
            units[w] = Integer.parseInt(u.group(2));
            claim[w] = Double.parseDouble(q.group(2));
            claimP90[w] = Double.parseDouble(q.group(3));
            complete[w] = Double.parseDouble(q.group(5));
            completeP90[w] = Double.parseDouble(q.group(6));
        }
        Path exported = dir.resolve("export");
        Process export = run(launcher, List.of("run", config.toString(), "--store", db.toString(), "--export", "--out",
                exported.toString()), env, dir.resolve("export.out"), dir.resolve("export.err"));
        if (export.waitFor() != 0) {
            throw new IllegalStateException("the export failed; see " + dir);
        }
        boolean same = Arrays.equals(Files.readAllBytes(answers), Files.readAllBytes(exported.resolve("answers.jsonl")));
        return new Shared(n, wall, planUnits, units, median(claim), median(claimP90), median(complete),
                median(completeP90), same);
    }

    private static Process run(Path launcher, List<String> args, Map<String, String> env, Path stdout, Path stderr)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static String json(List<Double> baseline, List<Shared> shared) {
        StringBuilder s = new StringBuilder("{\n  \"baselineSqliteSeconds\": ").append(baseline).append(",\n")
                .append("  \"shared\": [\n");
        for (int i = 0; i < shared.size(); i++) {
            Shared r = shared.get(i);
            s.append(String.format(Locale.ROOT, "    {\"workers\": %d, \"wallSeconds\": %.2f, \"planUnits\": %d,"
                    + " \"unitsPerWorker\": %s, \"claimMedianMillis\": %.3f, \"claimP90Millis\": %.3f,"
                    + " \"completeMedianMillis\": %.3f, \"completeP90Millis\": %.3f, \"sameAnswers\": %s}%s%n",
                    r.workers(), r.wallSeconds(), r.planUnits(), Arrays.toString(r.unitsPerWorker()),
                    r.claimMedianMillis(), r.claimP90Millis(), r.completeMedianMillis(), r.completeP90Millis(),
                    r.sameAnswers(), i + 1 < shared.size() ? "," : ""));
        }
        return s.append("  ]\n}\n").toString();
    }
}
