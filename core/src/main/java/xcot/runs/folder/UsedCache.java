package xcot.runs.folder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import xcot.methods.Generated;
import xcot.runs.export.Exports;
import xcot.runs.store.RunStore;
import xcot.runs.store.StoredGeneration;
import xcot.runs.store.WorkQueue;

/**
 * The shared cache as one run sees it: every call goes to the cache, and the content key of every generation,
 * attempt, sanitized CoT and ensemble CoT the run looks up or adds is noted, with whether it was found. The run folder
 * keeps the keys ({@code cache-keys.tsv}) and the counts ({@code run.json}): which cached results made the run.
 * Not thread-safe, like the store it wraps.
 */
public final class UsedCache implements RunStore {
    /** The kinds of cached results. */
    public enum Kind {
        GENERATION("generation"), ATTEMPT("attempt"), SANITIZED("sanitized"), ENSEMBLE_COT("ensemble-cot");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Per kind: results found in the cache, and results this run added. */
    public record Counts(long found, long added) {}

    private final RunStore cache;
    private final Map<Kind, TreeSet<String>> keys = new EnumMap<>(Kind.class);
    private final Map<Kind, long[]> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, Set<String>> added = new EnumMap<>(Kind.class);

    public UsedCache(RunStore cache) {
        this.cache = cache;
        for (Kind k : Kind.values()) {
            keys.put(k, new TreeSet<>());
            counts.put(k, new long[2]);
            added.put(k, new HashSet<>());
        }
    }

    private <T> Optional<T> lookedUp(Kind kind, String key, Optional<T> found) {
        keys.get(kind).add(key);
        if (found.isPresent()) {
            counts.get(kind)[0]++;
        }
        return found;
    }

    private void added(Kind kind, String key) {
        keys.get(kind).add(key);
        // Sequences decoded together may compute one generation twice (same key, same output); the store keeps one.
        if (added.get(kind).add(key)) {
            counts.get(kind)[1]++;
        }
    }

    /** The counts of every kind. */
    public Map<Kind, Counts> counts() {
        Map<Kind, Counts> out = new EnumMap<>(Kind.class);
        counts.forEach((k, c) -> out.put(k, new Counts(c[0], c[1])));
        return out;
    }

    /** Writes {@code kind<TAB>key} lines, sorted by kind then key, to {@code file} (atomically). */
    public void writeKeys(Path file) {
        List<String> lines = new ArrayList<>();
        keys.forEach((kind, set) -> set.forEach(key -> lines.add(kind.label() + "\t" + key)));
        Exports.writeAtomically(file, lines);
    }

    @Override
    public String describe() {
        return cache.describe();
    }

    @Override
    public String putMetaIfAbsent(String key, String value) {
        return cache.putMetaIfAbsent(key, value);
    }

    @Override
    public Optional<String> fileHash(String absolutePath, long size, long mtimeNanos) {
        return cache.fileHash(absolutePath, size, mtimeNanos);
    }

    @Override
    public void putFileHash(String absolutePath, long size, long mtimeNanos, String sha256) {
        cache.putFileHash(absolutePath, size, mtimeNanos, sha256);
    }

    @Override
    public Optional<StoredGeneration> generation(String key) {
        return lookedUp(Kind.GENERATION, key, cache.generation(key));
    }

    @Override
    public void putGeneration(String key, String modelSha256, String params, Generated generated, long decodeNanos) {
        cache.putGeneration(key, modelSha256, params, generated, decodeNanos);
        added(Kind.GENERATION, key);
    }

    @Override
    public Optional<String> attempt(String key) {
        return lookedUp(Kind.ATTEMPT, key, cache.attempt(key));
    }

    @Override
    public void putAttempt(String key, String slot, String recordJson) {
        cache.putAttempt(key, slot, recordJson);
        added(Kind.ATTEMPT, key);
    }

    @Override
    public List<String> attemptRecords() {
        return cache.attemptRecords();
    }

    @Override
    public Optional<String> sanitized(String remover, String kind, String inputSha256) {
        return lookedUp(Kind.SANITIZED, sanitizedKey(remover, kind, inputSha256),
                cache.sanitized(remover, kind, inputSha256));
    }

    @Override
    public void putSanitized(String remover, String kind, String inputSha256, String output) {
        cache.putSanitized(remover, kind, inputSha256, output);
        added(Kind.SANITIZED, sanitizedKey(remover, kind, inputSha256));
    }

    private static String sanitizedKey(String remover, String kind, String inputSha256) {
        return remover + "/" + kind + "/" + inputSha256;
    }

    @Override
    public Optional<String> ensembleCot(String key) {
        return lookedUp(Kind.ENSEMBLE_COT, key, cache.ensembleCot(key));
    }

    @Override
    public void putEnsembleCot(String key, String recordJson) {
        cache.putEnsembleCot(key, recordJson);
        added(Kind.ENSEMBLE_COT, key);
    }

    @Override
    public long count(String table) {
        return cache.count(table);
    }

    @Override
    public int schemaVersion() {
        return cache.schemaVersion();
    }

    @Override
    public WorkQueue workQueue() {
        return cache.workQueue();
    }

    @Override
    public void close() {
        cache.close();
    }
}
