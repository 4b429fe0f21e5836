package xcot.runs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import xcot.runs.plan.Phase;
import xcot.runs.plan.WorkPlan;
import xcot.runs.store.UnitStatus;

/**
 * Where a shared run stands ({@code xcot run CONFIG --store URL --status}): its queue units per phase — done, running,
 * ready to be claimed, blocked on inputs not done yet — and per worker, what each has done and holds now.
 *
 * @param store     where the queue is, for the heading (never a credential)
 * @param published whether a worker has published the plan yet
 */
public record QueueStatus(String store, String plan, boolean published, List<PhaseRow> phases, List<WorkerRow> workers) {
    /** One phase's queue units; {@code expired} are running units whose lease ran out (their worker is presumed dead). */
    public record PhaseRow(Phase phase, int units, int done, int running, int expired, int ready, int blocked) {}

    /** One worker: units it completed, the units it holds now, and whether their lease ran out. */
    public record WorkerRow(String worker, int done, List<String> holding, boolean leaseExpired) {
        public WorkerRow {
            holding = List.copyOf(holding);
        }
    }

    public QueueStatus {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(plan, "plan");
        phases = List.copyOf(phases);
        workers = List.copyOf(workers);
    }

    /** The status of {@code work} from its units' states in the queue (none: not published). */
    static QueueStatus of(String store, WorkPlan work, List<UnitStatus> states) {
        Map<String, UnitStatus> byId = new HashMap<>();
        states.forEach(s -> byId.put(s.unit(), s));
        Map<Phase, int[]> counts = new EnumMap<>(Phase.class);
        Map<String, WorkerRow> workers = new LinkedHashMap<>();
        for (WorkPlan.WorkUnit u : work.units()) {
            int[] c = counts.computeIfAbsent(u.phase(), p -> new int[6]);
            c[0]++;
            UnitStatus s = byId.get(u.id());
            if (s == null) {
                continue;
            }
            switch (s.state()) {
                case "done" -> c[1]++;
                case "claimed" -> {
                    c[2]++;
                    if (s.leaseExpired()) {
                        c[3]++;
                    }
                }
                default -> {
                    boolean ready = u.needs().stream().allMatch(n -> byId.containsKey(n)
                            && byId.get(n).state().equals("done"));
                    c[ready ? 4 : 5]++;
                }
            }
            s.worker().ifPresent(w -> workers.merge(w, row(w, s, u.id()), QueueStatus::merge));
        }
        List<PhaseRow> phases = new ArrayList<>();
        counts.forEach((p, c) -> phases.add(new PhaseRow(p, c[0], c[1], c[2], c[3], c[4], c[5])));
        return new QueueStatus(store, work.id(), !states.isEmpty(), phases, List.copyOf(workers.values()));
    }

    private static WorkerRow row(String worker, UnitStatus s, String unit) {
        boolean holds = s.state().equals("claimed");
        return new WorkerRow(worker, s.state().equals("done") ? 1 : 0, holds ? List.of(unit) : List.of(),
                holds && s.leaseExpired());
    }

    private static WorkerRow merge(WorkerRow a, WorkerRow b) {
        List<String> holding = new ArrayList<>(a.holding());
        holding.addAll(b.holding());
        return new WorkerRow(a.worker(), a.done() + b.done(), holding, a.leaseExpired() || b.leaseExpired());
    }

    public int units() {
        return phases.stream().mapToInt(PhaseRow::units).sum();
    }

    public int done() {
        return phases.stream().mapToInt(PhaseRow::done).sum();
    }

    /** Whether every unit is done. */
    public boolean complete() {
        return published && done() == units();
    }

    public String render() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "plan %s on %s: ", plan, store));
        if (!published) {
            return out.append("not published yet (the first worker publishes it)\n").toString();
        }
        out.append(String.format(Locale.ROOT, "%d of %d units done%s%n", done(), units(),
                complete() ? " (complete: --export writes the run folder)" : ""));
        out.append(String.format(Locale.ROOT, "%-16s %6s %6s %8s %6s %8s%n", "phase", "units", "done", "running",
                "ready", "blocked"));
        for (PhaseRow r : phases) {
            out.append(String.format(Locale.ROOT, "%-16s %6d %6d %8s %6d %8d%n", r.phase().label(), r.units(),
                    r.done(), r.running() + (r.expired() > 0 ? " (" + r.expired() + " lease ran out)" : ""),
                    r.ready(), r.blocked()));
        }
        if (!workers.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%-32s %6s  %s%n", "worker", "done", "running"));
            for (WorkerRow w : workers) {
                out.append(String.format(Locale.ROOT, "%-32s %6d  %s%s%n", w.worker(), w.done(),
                        w.holding().isEmpty() ? "-" : String.join(", ", w.holding()),
                        w.leaseExpired() ? " (lease ran out: the worker is presumed dead; its unit is claimed again)"
                                : ""));
            }
        }
        return out.toString();
    }
}
