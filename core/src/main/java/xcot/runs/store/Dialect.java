package xcot.runs.store;

/**
 * What differs between the two backends' SQL. Everything else is shared: both take {@code INSERT ... ON CONFLICT DO
 * NOTHING}, {@code UPDATE ... RETURNING} and the same column types (SQLite maps them to its storage classes).
 */
enum Dialect {
    SQLITE("sqlite", "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)", ""),
    POSTGRESQL("postgresql", "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)",
            " FOR UPDATE OF c SKIP LOCKED");

    /** Resource folder of this dialect's own migrations (the shared ones are in {@code common}). */
    final String migrations;
    /**
     * The database's clock in epoch milliseconds. Leases are timed by the database, never by a worker's clock, so
     * workers on hosts whose clocks disagree still agree on when a lease ran out.
     */
    final String nowMillis;
    /**
     * Appended to the claim's inner SELECT. PostgreSQL: concurrent claimers skip rows another transaction is
     * claiming instead of queueing behind it. SQLite takes one writer at a time, so a claim never races.
     */
    final String skipLocked;

    Dialect(String migrations, String nowMillis, String skipLocked) {
        this.migrations = migrations;
        this.nowMillis = nowMillis;
        this.skipLocked = skipLocked;
    }
}
