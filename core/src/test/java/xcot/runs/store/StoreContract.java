package xcot.runs.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import xcot.methods.Generated;
import xcot.methods.StopReason;

/**
 * The store's and the work queue's behaviour, run against both backends ({@link SqliteStoreContractTest},
 * {@link PostgresStoreContractTest}): what the pipeline may rely on whichever store a run uses.
 */
abstract class StoreContract {
    /** A new, empty store. */
    abstract RunStore newStore();

    /** Another handle on the same store as {@code store} (another worker, a reopened run). */
    abstract RunStore reopen(RunStore store);

    /** A raw connection to {@code store}'s database, to tamper with it. */
    abstract Connection raw(RunStore store) throws Exception;

    @Test
    void everyPutKeepsTheFirstValueAndReadsBackExactly() {
        try (RunStore store = newStore()) {
            assertEquals("2026-01-02", store.putMetaIfAbsent("harmony-date", "2026-01-02"));
            assertEquals("2026-01-02", store.putMetaIfAbsent("harmony-date", "2027-12-31"));

            Generated g = new Generated(new int[] {0, 7, -1, Integer.MAX_VALUE, 151_935}, "héllo <think>\n",
                    StopReason.END_OF_GENERATION, 12, 4096);
            store.putGeneration("k1", "abc", "budget=fixed", g, 123_456_789_012L);
            store.putGeneration("k1", "abc", "budget=fixed",
                    new Generated(new int[] {1}, "other", StopReason.TOKEN_LIMIT, 1, 1), 5);
            StoredGeneration stored = store.generation("k1").orElseThrow();
            assertArrayEquals(g.tokens(), stored.generated().tokens());
            assertEquals(g.text(), stored.generated().text());
            assertEquals(StopReason.END_OF_GENERATION, stored.generated().stopReason());
            assertEquals(12, stored.generated().promptTokens());
            assertEquals(4096, stored.generated().budgetTokens());
            assertEquals(123_456_789_012L, stored.decodeNanos());
            assertEquals(Optional.empty(), store.generation("k2"));

            store.putAttempt("b", "slot-b", "{\"n\":2}");
            store.putAttempt("a", "slot-a", "{\"n\":1}");
            store.putAttempt("a", "slot-a", "{\"n\":99}");
            assertEquals(Optional.of("{\"n\":1}"), store.attempt("a"));
            assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), store.attemptRecords());

            store.putSanitized("rules", "MEDCALC", "h1", "out1");
            store.putSanitized("rules", "MEDCALC", "h1", "out2");
            assertEquals(Optional.of("out1"), store.sanitized("rules", "MEDCALC", "h1"));
            assertEquals(Optional.empty(), store.sanitized("rules", "INDUCTION", "h1"));

            store.putEnsembleCot("e", "{}");
            assertEquals(Optional.of("{}"), store.ensembleCot("e"));

            long big = 30L * 1024 * 1024 * 1024;
            store.putFileHash("/m.gguf", big, 1_700_000_000_123_456_789L, "f00d");
            assertEquals(Optional.of("f00d"), store.fileHash("/m.gguf", big, 1_700_000_000_123_456_789L));
            assertEquals(Optional.empty(), store.fileHash("/m.gguf", big, 1L));

            assertEquals(1, store.count("generations"));
            assertEquals(2, store.count("attempts"));
            assertEquals(1, store.count("meta"));
            assertThrows(IllegalArgumentException.class, () -> store.count("work_units; DROP TABLE meta"));
        }
    }

    @Test
    void aReopenedStoreHasEverythingAndTheNewestSchema() {
        try (RunStore store = newStore()) {
            store.putAttempt("a", "s", "{}");
            assertEquals(Migrations.FILES.size(), store.schemaVersion());
            try (RunStore again = reopen(store)) {
                assertEquals(Optional.of("{}"), again.attempt("a"));
                assertEquals(Migrations.FILES.size(), again.schemaVersion());
            }
        }
    }

    @Test
    void aChangedMigrationOrANewerSchemaIsRefusedInOneLine() throws Exception {
        try (RunStore store = newStore()) {
            try (Connection c = raw(store); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE schema_migrations SET sha256 = 'edited' WHERE version = 1");
            }
            StoreException changed = assertThrows(StoreException.class, () -> reopen(store).close());
            assertTrue(changed.getMessage().startsWith(store.describe() + ": migration V1__run_store.sql was applied"
                    + " with different text (sha256 edited,"), changed.getMessage());
            try (Connection c = raw(store); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO schema_migrations(version, name, sha256, applied_ms)"
                        + " VALUES (99, 'V99__future.sql', 'x', 0)");
            }
            StoreException newer = assertThrows(StoreException.class, () -> reopen(store).close());
            assertEquals(store.describe() + ": the store's schema is at version 99, newer than this xcot's "
                    + Migrations.FILES.size() + "; use a newer xcot or a new store", newer.getMessage());
        }
    }

    // ---- the work queue ----

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static List<UnitSpec> units(int n) {
        List<UnitSpec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new UnitSpec("u" + i, "m" + (i % 2)));
        }
        return out;
    }

    private static Claim claimed(ClaimResult r) {
        return assertInstanceOf(ClaimResult.Claimed.class, r).claim();
    }

    @Test
    void aPlanIsPublishedOnceAndADifferentOneIsRefused() {
        try (RunStore store = newStore(); WorkQueue q = store.workQueue(); RunStore other = reopen(store);
                WorkQueue q2 = other.workQueue()) {
            assertTrue(q.publish("p", units(3)));
            assertFalse(q2.publish("p", units(3)), "a second worker finds the same plan");
            StoreException e = assertThrows(StoreException.class, () -> q2.publish("p", units(4)));
            assertTrue(e.getMessage().contains("plan p is published with other units"), e.getMessage());
            assertEquals(3, q.units("p").size());
            assertThrows(IllegalArgumentException.class,
                    () -> q.publish("bad", List.of(new UnitSpec("a", "m", List.of("b")), new UnitSpec("b", "m"))));
            assertThrows(IllegalArgumentException.class,
                    () -> q.publish("bad", List.of(new UnitSpec("a", "m"), new UnitSpec("a", "m"))));
            assertThrows(StoreException.class, () -> q.claim("never-published", "w", "m", MINUTE));
        }
    }

    @Test
    void claimsFollowAffinityThenPublicationOrderAndEndWithComplete() {
        try (RunStore store = newStore(); WorkQueue q = store.workQueue()) {
            q.publish("p", units(4)); // u0 m0, u1 m1, u2 m0, u3 m1
            Claim first = claimed(q.claim("p", "w1", "m1", MINUTE));
            assertEquals("u1", first.unit(), "the worker's loaded model first");
            assertEquals("m1", first.affinity());
            Claim second = claimed(q.claim("p", "w1", "m1", MINUTE));
            assertEquals("u3", second.unit());
            Claim third = claimed(q.claim("p", "w1", "m1", MINUTE));
            assertEquals("u0", third.unit(), "then any other, in publication order");
            for (Claim c : List.of(first, second, third)) {
                q.complete(c);
            }
            Claim last = claimed(q.claim("p", "w2", "m9", MINUTE));
            assertEquals("u2", last.unit());
            assertEquals(new ClaimResult.Wait(1), q.claim("p", "w1", "m0", MINUTE));
            q.complete(last);
            assertEquals(new ClaimResult.Complete(4), q.claim("p", "w1", "m0", MINUTE));
            assertTrue(q.units("p").stream().allMatch(u -> u.state().equals("done") && u.claims() == 1));
        }
    }

    @Test
    void aUnitWaitsForTheUnitsItNeeds() {
        try (RunStore store = newStore(); WorkQueue q = store.workQueue()) {
            q.publish("p", List.of(new UnitSpec("own-a", "a"), new UnitSpec("own-b", "b"),
                    new UnitSpec("insert-a", "a", List.of("own-a", "own-b"))));
            Claim a = claimed(q.claim("p", "w", "a", MINUTE));
            assertEquals("own-a", a.unit());
            q.complete(a);
            Claim b = claimed(q.claim("p", "w", "a", MINUTE));
            assertEquals("own-b", b.unit(), "insert-a prefers the worker's model but needs own-b first");
            assertEquals(new ClaimResult.Wait(2), q.claim("p", "w2", "a", MINUTE));
            q.complete(b);
            assertEquals("insert-a", claimed(q.claim("p", "w2", "a", MINUTE)).unit());
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderCanNoLongerTouchIt() throws Exception {
        try (RunStore store = newStore(); WorkQueue q = store.workQueue()) {
            q.publish("p", units(1));
            Claim dead = claimed(q.claim("p", "dead", "m0", Duration.ofMillis(300)));
            assertEquals(new ClaimResult.Wait(1), q.claim("p", "alive", "m0", MINUTE), "the lease still holds");
            Thread.sleep(700);
            assertTrue(q.units("p").getFirst().leaseExpired());
            Claim taken = claimed(q.claim("p", "alive", "m0", MINUTE));
            assertEquals("u0", taken.unit());
            assertEquals(2, taken.token());
            assertThrows(LeaseLostException.class, () -> q.renew(dead, MINUTE));
            assertThrows(LeaseLostException.class, () -> q.complete(dead));
            assertThrows(LeaseLostException.class, () -> q.release(dead));
            q.complete(taken);
            UnitStatus status = q.units("p").getFirst();
            assertEquals("done", status.state());
            assertEquals(Optional.of("alive"), status.worker());
            assertEquals(2, status.claims());
        }
    }

    @Test
    void aHeartbeatKeepsALeaseLongerThanItself() throws Exception {
        try (RunStore store = newStore(); WorkQueue q = store.workQueue(); RunStore other = reopen(store);
                WorkQueue q2 = other.workQueue()) {
            q.publish("p", units(1));
            Duration lease = Duration.ofMillis(400);
            Claim c = claimed(q.claim("p", "w1", "m0", lease));
            try (LeaseKeeper keeper = LeaseKeeper.start(q, c, lease)) {
                Thread.sleep(1200);
                assertEquals(new ClaimResult.Wait(1), q2.claim("p", "w2", "m0", MINUTE));
                assertEquals(Optional.empty(), keeper.lost());
            }
            q.complete(c);
        }
    }

    @Test
    void aReleasedUnitIsClaimableAtOnce() {
        try (RunStore store = newStore(); WorkQueue q = store.workQueue()) {
            q.publish("p", units(1));
            Claim c = claimed(q.claim("p", "w1", "m0", MINUTE));
            q.release(c);
            Claim again = claimed(q.claim("p", "w2", "m0", MINUTE));
            assertEquals("u0", again.unit());
            assertEquals(2, again.token());
        }
    }

    @Test
    void concurrentWorkersClaimEveryUnitExactlyOnce() throws Exception {
        int workers = 4;
        int n = 300;
        try (RunStore store = newStore(); WorkQueue q = store.workQueue()) {
            q.publish("p", units(n));
            List<RunStore> stores = new ArrayList<>();
            List<WorkQueue> queues = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                stores.add(reopen(store));
                queues.add(stores.getLast().workQueue());
            }
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                List<Future<List<String>>> done = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    WorkQueue mine = queues.get(w);
                    String name = "w" + w;
                    done.add(pool.submit(() -> {
                        List<String> claimedUnits = new ArrayList<>();
                        while (true) {
                            ClaimResult r = mine.claim("p", name, "m" + (name.hashCode() % 2), MINUTE);
                            if (r instanceof ClaimResult.Claimed(Claim c)) {
                                claimedUnits.add(c.unit());
                                mine.complete(c);
                            } else if (r instanceof ClaimResult.Complete) {
                                return claimedUnits;
                            } else {
                                Thread.sleep(5);
                            }
                        }
                    }));
                }
                Map<String, Integer> times = new HashMap<>();
                for (Future<List<String>> f : done) {
                    f.get().forEach(u -> times.merge(u, 1, Integer::sum));
                }
                assertEquals(n, times.size());
                assertTrue(times.values().stream().allMatch(t -> t == 1), "a unit claimed twice: " + times);
                assertTrue(q.units("p").stream().allMatch(u -> u.claims() == 1 && u.state().equals("done")));
            } finally {
                pool.shutdownNow();
                queues.forEach(WorkQueue::close);
                stores.forEach(RunStore::close);
            }
        }
    }
}
