package xcot.runs.store;

import java.util.List;
import java.util.Optional;
import xcot.methods.Generated;

/**
 * A run's store: every generation (keyed by model file hash, prompt hash and parameters), every finished attempt,
 * every sanitized CoT, every ensemble CoT, the run's fixed facts (e.g. its harmony date) and the cached hashes of
 * model files. Two backends with the same semantics: {@link SqliteStore} (embedded, {@code store.sqlite} in the
 * generation cache every run of a user shares, the default) and {@link PostgresStore} (a database shared by many
 * workers). Every row is keyed by its content, so runs of different folders and configs share what they have in
 * common; what belongs to one run alone (its harmony date, its timings) is kept in its folder's {@code run.json}.
 *
 * <p>Every {@code put} is an upsert on the row's content key that keeps the first value written ({@code INSERT ...
 * ON CONFLICT DO NOTHING}) in its own transaction: a process killed at any point loses at most the write in flight
 * and never leaves a duplicate, and two workers that computed the same result store it once.
 *
 * <p>Not thread-safe: one thread owns a store. The work queue has its own connection ({@link #workQueue()}).
 */
public interface RunStore extends AutoCloseable {
    /** The tables {@link #count} accepts. */
    List<String> TABLES = List.of("meta", "file_hashes", "generations", "attempts", "sanitized", "ensemble_cots");

    /** Opens (creating and migrating if needed) the store at {@code location}. */
    static RunStore open(StoreLocation location) {
        return switch (location) {
            case StoreLocation.Sqlite f -> SqliteStore.open(f.dir());
            case StoreLocation.Postgres p -> PostgresStore.open(p.target(), p.credentials());
        };
    }

    /** Where the store is, for messages: a file path or {@code postgresql://host:port/db}; never a credential. */
    String describe();

    /** Sets {@code key} unless set, and returns the stored value (the first one ever written). */
    String putMetaIfAbsent(String key, String value);

    Optional<String> fileHash(String absolutePath, long size, long mtimeNanos);

    void putFileHash(String absolutePath, long size, long mtimeNanos, String sha256);

    Optional<StoredGeneration> generation(String key);

    void putGeneration(String key, String modelSha256, String params, Generated generated, long decodeNanos);

    /** The JSON record of a finished attempt. */
    Optional<String> attempt(String key);

    void putAttempt(String key, String slot, String recordJson);

    /** Every stored attempt's JSON record, in key order (for inspection and tests). */
    List<String> attemptRecords();

    Optional<String> sanitized(String remover, String kind, String inputSha256);

    void putSanitized(String remover, String kind, String inputSha256, String output);

    Optional<String> ensembleCot(String key);

    void putEnsembleCot(String key, String recordJson);

    /** Rows in one of {@link #TABLES}, for reports and tests. */
    long count(String table);

    /** The schema version the store is at (the highest migration applied). */
    int schemaVersion();

    /** Opens the work queue of this store on a connection of its own; the caller closes it. */
    WorkQueue workQueue();

    @Override
    void close();
}
