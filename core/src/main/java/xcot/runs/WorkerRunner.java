package xcot.runs;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import xcot.runs.config.RunConfig;
import xcot.runs.export.Exports;
import xcot.runs.phases.GroupExecutor;
import xcot.runs.phases.PhaseContext;
import xcot.runs.phases.PhaseListener;
import xcot.runs.plan.PlanStep;
import xcot.runs.plan.RunPlan;
import xcot.runs.plan.WorkPlan;
import xcot.runs.results.Results;
import xcot.runs.store.Claim;
import xcot.runs.store.ClaimResult;
import xcot.runs.store.LeaseKeeper;
import xcot.runs.store.LeaseLostException;
import xcot.runs.store.RunStore;
import xcot.runs.store.StoreException;
import xcot.runs.store.StoreLocation;
import xcot.runs.store.WorkQueue;

/**
 * A run shared by any number of worker processes through one store ({@code xcot run CONFIG --store URL --worker} on
 * every host). Each worker checks and plans the config as a single run does; the first publishes the plan's
 * {@link WorkPlan} units (step × item group) in the store's work queue, the others find it published. Then each
 * claims units with a lease that a heartbeat renews, preferring units of the models it has loaded, and runs them
 * through the same phase executors as a single run ({@link GroupExecutor}): results are upserts on their content keys,
 * so a unit done twice (a lease that ran out under a slow worker) stores them once, and a unit taken over from a dead
 * worker recalls what that worker had stored. A unit is claimed only when the units it reads are done; their results
 * are recalled from the store first. Any host then writes the run folder's exports from the store
 * ({@link #export}), byte for byte those of a single-process run.
 */
public final class WorkerRunner {
    /** The first pause between two claims that found nothing claimable; it doubles up to the worker's maximum. */
    private static final Duration FIRST_POLL = Duration.ofMillis(100);

    private WorkerRunner() {}

    /**
     * What one worker did.
     *
     * @param published    whether this worker published the plan
     * @param unitsRun     queue units it ran and completed
     * @param unitsLost    queue units it ran but whose lease it lost before completing them (another worker did)
     * @param foundComplete the plan was complete before this worker claimed anything
     */
    public record Report(String plan, int planUnits, boolean published, int unitsRun, int unitsLost,
                         boolean foundComplete, long resultsComputed, long resultsRecalled, long newTokens,
                         QueueLatency claimLatency, QueueLatency completeLatency, long wallNanos) {}

    /** Runs as one worker until the plan is complete. */
    public static Report work(RunConfig config, StoreLocation location, RunOptions options, WorkerOptions worker) {
        long start = System.nanoTime();
        try (RunStore store = RunStore.open(location); WorkQueue queue = store.workQueue()) {
            // Workers keep no run folder: a gpt-oss run shared over several days needs 'harmony-date' in its config.
            RunPlan plan = Preflight.plan(config, store, options, Optional.empty(), true);
            WorkPlan work = WorkPlan.of(plan);
            boolean published = queue.publish(work.id(), work.specs());
            Loop loop = new Loop(work, store, queue, options, worker);
            loop.say("plan " + work.id() + " (" + describe(work) + ") "
                    + (published ? "published by this worker" : "was published before; joining it"));
            return loop.run(published, start);
        }
    }

    /** Where the shared run of {@code config} stands in the store's queue. */
    public static QueueStatus status(RunConfig config, StoreLocation location, RunOptions options) {
        try (RunStore store = RunStore.open(location); WorkQueue queue = store.workQueue()) {
            WorkPlan work = WorkPlan.of(Preflight.plan(config, store, options, Optional.empty(), false));
            return QueueStatus.of(store.describe(), work, queue.units(work.id()));
        }
    }

    /**
     * Writes the exports of a complete shared run into {@code runDir}: every result is read back from the store by
     * the content key the plan gives it (the CoTs that later units inserted, needed for their keys, come from the
     * store too), then written in the plan's order.
     *
     * @throws StoreException if the plan is not published or not complete
     */
    public static RunResult export(RunConfig config, Path runDir, StoreLocation location, RunOptions options) {
        long start = System.nanoTime();
        try (RunStore store = RunStore.open(location); WorkQueue queue = store.workQueue()) {
            RunPlan plan = Preflight.plan(config, store, options, Optional.empty(), false);
            WorkPlan work = WorkPlan.of(plan);
            QueueStatus status = QueueStatus.of(store.describe(), work, queue.units(work.id()));
            if (!status.complete()) {
                throw new StoreException(store.describe() + ": plan " + work.id() + (status.published()
                        ? " is not complete (" + status.done() + " of " + status.units() + " units done); --status"
                        + " shows who holds the rest" : " is not published: no worker has run this config here"));
            }
            Results results = new Results();
            try (GroupExecutor recall = new GroupExecutor(new PhaseContext(plan, store, results, PhaseListener.NONE,
                    options.env(), options.ensemble()))) {
                for (PlanStep step : plan.steps()) {
                    recall.recall(step, step.units());
                }
            }
            Exports.Written written = Exports.write(runDir, plan, results);
            return Runner.result(runDir, plan, results, written, 0, plan.unitCount(), 0, System.nanoTime() - start);
        }
    }

    private static String describe(WorkPlan work) {
        return work.units().size() + " units: " + work.unitsPerPhase().entrySet().stream()
                .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** One worker's claim loop and what it has recalled so far. */
    private static final class Loop {
        private final WorkPlan work;
        private final WorkQueue queue;
        private final RunOptions options;
        private final WorkerOptions worker;
        private final UnitTally tally = new UnitTally();
        private final PhaseContext ctx;
        /** Queue units whose results are in {@code ctx.results()}: run here, or recalled as some unit's inputs. */
        private final Set<String> present = new HashSet<>();
        private final QueueLatency.Recorder claims = new QueueLatency.Recorder();
        private final QueueLatency.Recorder completions = new QueueLatency.Recorder();
        private int unitsRun;
        private int unitsLost;

        Loop(WorkPlan work, RunStore store, WorkQueue queue, RunOptions options, WorkerOptions worker) {
            this.work = work;
            this.queue = queue;
            this.options = options;
            this.worker = worker;
            this.ctx = new PhaseContext(work.plan(), store, new Results(), HaltAtStoreEvent.wrapIfArmed(tally),
                    options.env(), options.ensemble());
        }

        Report run(boolean published, long start) {
            String affinity = "";
            Duration poll = FIRST_POLL;
            boolean saidWaiting = false;
            try (GroupExecutor executor = new GroupExecutor(ctx)) {
                while (true) {
                    long t0 = System.nanoTime();
                    ClaimResult r = queue.claim(work.id(), worker.name(), affinity, worker.lease());
                    switch (r) {
                        case ClaimResult.Complete c -> {
                            boolean foundComplete = unitsRun + unitsLost == 0;
                            return new Report(work.id(), c.units(), published, unitsRun, unitsLost, foundComplete,
                                    tally.computedTotal, tally.recalledTotal, tally.tokensTotal, claims.summary(),
                                    completions.summary(), System.nanoTime() - start);
                        }
                        case ClaimResult.Wait w -> {
                            if (!saidWaiting) {
                                say("waiting: " + w.remainingUnits() + " units left, running elsewhere or waiting"
                                        + " for their inputs");
                                saidWaiting = true;
                            }
                            sleep(poll);
                            poll = min(poll.multipliedBy(2), worker.maxPoll());
                        }
                        case ClaimResult.Claimed c -> {
                            claims.add(System.nanoTime() - t0);
                            poll = FIRST_POLL;
                            saidWaiting = false;
                            WorkPlan.WorkUnit unit = work.unit(c.claim().unit());
                            runClaimed(executor, c.claim(), unit);
                            affinity = unit.affinity();
                        }
                    }
                }
            }
        }

        /** Runs one claimed unit under its lease's heartbeat and completes it, unless the lease was lost. */
        private void runClaimed(GroupExecutor executor, Claim claim, WorkPlan.WorkUnit unit) {
            long start = System.nanoTime();
            tally.reset();
            LeaseKeeper keeper = LeaseKeeper.start(queue, claim, worker.lease());
            try {
                recallInputs(executor, unit);
                executor.run(unit.step(), unit.units());
            } catch (RuntimeException e) {
                keeper.close();
                try {
                    queue.release(claim); // claimable again at once; every result stored so far stays
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            keeper.close();
            present.add(unit.id());
            Optional<RuntimeException> lost = keeper.lost();
            try {
                if (lost.isPresent()) {
                    throw lost.get();
                }
                long t0 = System.nanoTime();
                queue.complete(claim);
                completions.add(System.nanoTime() - t0);
            } catch (LeaseLostException e) {
                unitsLost++;
                say("lost the lease of " + unit.id() + " while running it (its results are stored; the worker that"
                        + " claimed it again completes it): " + e.getMessage());
                return;
            }
            unitsRun++;
            say(String.format(Locale.ROOT, "%s: %d results (%d computed, %d from the store), %d new tokens, %.1f s",
                    unit.id(), tally.computed + tally.recalled, tally.computed, tally.recalled, tally.tokens,
                    (System.nanoTime() - start) / 1e9));
        }

        /** Recalls the results of the units {@code unit} reads (and theirs), each once per worker. */
        private void recallInputs(GroupExecutor executor, WorkPlan.WorkUnit unit) {
            for (String id : unit.needs()) {
                if (present.contains(id)) {
                    continue;
                }
                WorkPlan.WorkUnit needed = work.unit(id);
                recallInputs(executor, needed);
                executor.recall(needed.step(), needed.units());
                present.add(id);
            }
        }

        void say(String line) {
            PrintWriter err = options.err();
            err.println("xcot: worker " + worker.name() + ": " + line);
            err.flush();
        }

        private static void sleep(Duration d) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for work", e);
            }
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) <= 0 ? a : b;
        }
    }

    /** Counts one claimed unit's results and tokens, and the worker's totals. */
    private static final class UnitTally implements PhaseListener {
        long computed;
        long recalled;
        long tokens;
        long computedTotal;
        long recalledTotal;
        long tokensTotal;

        void reset() {
            computed = 0;
            recalled = 0;
            tokens = 0;
        }

        @Override
        public void step(String label) {}

        @Override
        public void unitDone(boolean fromStore) {
            if (fromStore) {
                recalled++;
                recalledTotal++;
            } else {
                computed++;
                computedTotal++;
            }
        }

        @Override
        public void generated(int promptTokens, int newTokens, long decodeNanos, boolean fromStore) {
            if (!fromStore) {
                tokens += newTokens;
                tokensTotal += newTokens;
            }
        }
    }
}
