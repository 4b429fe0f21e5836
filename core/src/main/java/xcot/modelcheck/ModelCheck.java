package xcot.modelcheck;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.fixtures.CacheDirs;
import xcot.gguf.GgufException;
import xcot.gguf.GgufReader;
import xcot.gguf.rules.LoadRules;
import xcot.llm.Backend;

/**
 * The isolated model check: a model file is loaded in a child JVM ({@link ModelCheckChild}) with a tiny context and
 * one decode before this process loads it, so that an abort in llama.cpp's native code kills the child, not the
 * caller, and becomes a one-line error. xcot's Java rules ({@link LoadRules}) close the abort paths known from
 * llama.cpp's source; this check catches the ones nobody foresaw. Results are cached by the file's SHA-256 (under
 * {@code ${XCOT_CACHE}/model-checks/} by default), with the llama.cpp commit they were made with, so each file is
 * checked once per llama.cpp build.
 *
 * <p>Callers that are about to load a model they did not write call {@link #ensureChecked(Path)} (or the list form,
 * which uses one child for all unchecked files) before any {@code Model.load}. {@code --deep}, {@link #check(Path,
 * boolean)} with {@code deep}, also has llama.cpp validate every tensor's data (NaN, infinities), which reads the
 * whole file.
 *
 * <p>A process that is itself a disposable child (the fuzz harness's worker) may set the system property
 * {@value #IN_PROCESS_PROPERTY} to probe in-process: a crash then ends that process, which its parent observes.
 * Thread-safe; checks run one at a time.
 */
public final class ModelCheck {
    /** Bump when the probe or the Java rules change in a way that makes old results stale. */
    static final int CHECK_VERSION = 1;
    public static final String IN_PROCESS_PROPERTY = "xcot.modelCheck.inProcess";
    public static final String TIMEOUT_PROPERTY = "xcot.modelCheck.timeoutSeconds";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final Path cacheDir;
    private final boolean inProcess;
    private final Duration timeout;
    private final String childMain;
    private CheckCache cache;

    /**
     * @param cacheDir  where results and the hash index are kept
     * @param inProcess probe in this process (only for a process that is itself a disposable child)
     * @param timeout   how long one file's check may take before the child is killed and the check fails
     */
    public ModelCheck(Path cacheDir, boolean inProcess, Duration timeout) {
        this(cacheDir, inProcess, timeout, ModelCheckChild.class.getName());
    }

    /** With another child main class speaking {@link ModelCheckChild}'s protocol (tests of crashes and hangs). */
    ModelCheck(Path cacheDir, boolean inProcess, Duration timeout, String childMain) {
        this.cacheDir = cacheDir;
        this.inProcess = inProcess;
        this.timeout = timeout;
        this.childMain = childMain;
    }

    /** The check as commands use it: cache under {@code ${XCOT_CACHE}/model-checks}, isolation and timeout as set. */
    public static ModelCheck standard() {
        long seconds = Long.getLong(TIMEOUT_PROPERTY, DEFAULT_TIMEOUT.toSeconds());
        return new ModelCheck(CacheDirs.root().resolve("model-checks"), Boolean.getBoolean(IN_PROCESS_PROPERTY),
                Duration.ofSeconds(seconds));
    }

    /**
     * Makes sure {@code model} has passed the check: returns at once for a cached pass, else checks it now.
     *
     * @throws xcot.llm.ModelLoadException for a file xcot's own checks refuse (no child is started for it)
     * @throws ModelCheckException for a failed check, now or cached; both one line that names the file
     */
    public void ensureChecked(Path model) {
        ensureChecked(List.of(model));
    }

    /** {@link #ensureChecked(Path)} for several files, with one child process for all that need a check. */
    public void ensureChecked(List<Path> models) {
        ensureChecked(models, Map.of());
    }

    /**
     * {@link #ensureChecked(List)} for callers that know some files' SHA-256 already (a run's store hashes its
     * models), so a large file is not hashed again here.
     */
    public void ensureChecked(List<Path> models, Map<Path, String> knownSha256) {
        for (Map.Entry<Path, CheckResult> e : checkAll(models, false, knownSha256).entrySet()) {
            if (!e.getValue().passed()) {
                throw new ModelCheckException(e.getKey(), e.getValue().reason());
            }
        }
    }

    /**
     * Checks {@code model} (deep: also every tensor's data), or returns a cached result that covers the request. A
     * failed check is a result, not an exception.
     *
     * @throws xcot.llm.ModelLoadException if xcot's own checks refuse the file (no child is started for it)
     */
    public CheckResult check(Path model, boolean deep) {
        return checkAll(List.of(model), deep, Map.of()).get(model);
    }

    /**
     * The cached result for {@code model}, if it was checked with this llama.cpp build and has not changed since;
     * never reads the file's data (a file never checked has no hash in the index yet).
     */
    public Optional<CheckResult> cached(Path model) {
        try {
            return cache().indexedSha256(model).flatMap(cache()::find);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private synchronized Map<Path, CheckResult> checkAll(List<Path> models, boolean deep,
                                                         Map<Path, String> knownSha256) {
        Map<Path, CheckResult> results = new LinkedHashMap<>();
        Map<Path, String> pending = new LinkedHashMap<>();
        for (Path model : models) {
            refuseByRules(model);
            String sha = knownSha256.containsKey(model) ? knownSha256.get(model) : hash(model);
            Optional<CheckResult> cached = cache().find(sha).filter(r -> r.covers(deep));
            if (cached.isPresent()) {
                results.put(model, cached.get());
            } else {
                pending.put(model, sha);
            }
        }
        if (!pending.isEmpty()) {
            results.putAll(inProcess ? probeHere(pending, deep) : probeInChild(pending, deep));
        }
        Map<Path, CheckResult> ordered = new LinkedHashMap<>();
        models.forEach(m -> ordered.put(m, results.get(m)));
        return ordered;
    }

    private Map<Path, CheckResult> probeInChild(Map<Path, String> pending, boolean deep) {
        Map<Path, CheckResult> results = new LinkedHashMap<>();
        CheckProcess child = null;
        try {
            for (Map.Entry<Path, String> e : pending.entrySet()) {
                if (child == null) {
                    child = CheckProcess.start(childMain);
                }
                CheckProcess.Outcome o = child.check(e.getKey().toAbsolutePath(), deep, timeout);
                if (o.crashed() || o.timedOut()) {
                    child.close();
                    child = null; // a dead or stuck child cannot check the next file
                }
                CheckResult r = result(e.getValue(), o.passed(), o.reason(), deep, o.crashed(), o.millis());
                if (!o.timedOut()) {
                    cache().put(r); // a timeout says nothing about the file; every other outcome does
                }
                results.put(e.getKey(), r);
            }
        } finally {
            if (child != null) {
                child.close();
            }
        }
        return results;
    }

    private Map<Path, CheckResult> probeHere(Map<Path, String> pending, boolean deep) {
        Map<Path, CheckResult> results = new LinkedHashMap<>();
        for (Map.Entry<Path, String> e : pending.entrySet()) {
            long start = System.nanoTime();
            String failure = "";
            try {
                ModelProbe.probe(e.getKey(), deep);
            } catch (RuntimeException | OutOfMemoryError ex) {
                failure = ModelCheckChild.reason(e.getKey(), ex);
            }
            CheckResult r = result(e.getValue(), failure.isEmpty(), failure, deep, false,
                    (System.nanoTime() - start) / 1_000_000);
            cache().put(r);
            results.put(e.getKey(), r);
        }
        return results;
    }

    private static CheckResult result(String sha, boolean passed, String reason, boolean deep, boolean crashed,
                                      long millis) {
        return new CheckResult(sha, passed, passed ? "" : reason, deep, crashed, Instant.now(), millis);
    }

    /** The reader's and {@link LoadRules}' refusals come first: no child, no hash, no cache for those files. */
    private static void refuseByRules(Path model) {
        try {
            LoadRules.check(GgufReader.read(model));
        } catch (GgufException e) {
            throw new xcot.llm.ModelLoadException(e);
        }
    }

    private String hash(Path model) {
        try {
            return cache().sha256(model);
        } catch (IOException e) {
            throw new ModelCheckException(model, "cannot hash the file: " + xcot.io.InputFiles.detail(e), e);
        }
    }

    private synchronized CheckCache cache() {
        if (cache == null) {
            cache = new CheckCache(cacheDir, Backend.buildCommit());
        }
        return cache;
    }

    /** Where results are kept. */
    public Path cacheDir() {
        return cacheDir;
    }
}
