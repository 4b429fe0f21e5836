package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import xcot.llm.ContextOverflowException;
import xcot.llm.DecodeException;
import xcot.llm.ModelFailureException;
import xcot.llm.Threads;

/**
 * How one phase of an iteration calls its models: one call per model, either in turns or each on its own thread, and
 * per lane what each call gave.
 *
 * <p>Results never depend on thread timing: each model is used by one thread at a time, its calls come in the same
 * order either way, and results and failures are gathered in model order.
 */
final class ModelCalls {
    /** What can go wrong for one lane without being a bug. */
    enum Failure {
        /** The lane's context has no room for the step: its item ends ({@link StopReason#CONTEXT_FULL}). */
        OUT_OF_ROOM,
        /** The model's computation failed ({@link ModelFailureException}, or out of memory). */
        MODEL_FAILED;

        /** The kind of {@code t}, or null when it is neither (a bug, to be rethrown). */
        static Failure of(Throwable t) {
            if (t instanceof ContextOverflowException || t instanceof DecodeException.KvCacheFull) {
                return OUT_OF_ROOM;
            }
            if (t instanceof ModelFailureException || t instanceof OutOfMemoryError) {
                return MODEL_FAILED;
            }
            return null;
        }
    }

    /** What a call gave for one lane: a value, or the failure that stopped it there. */
    record Outcome<T>(T value, Failure failure, Throwable cause) {
        static <T> Outcome<T> of(T value) {
            return new Outcome<>(value, null, null);
        }

        boolean failed() {
            return failure != null;
        }
    }

    private final boolean inParallel;

    /** @param inParallel each model's call on its own thread, instead of one after the other */
    ModelCalls(boolean inParallel) {
        this.inParallel = inParallel;
    }

    /**
     * {@code call} for every model, results in model order. In parallel, every call runs to its end before the first
     * failure (in model order) is rethrown, so no model is still in use when this returns or throws.
     */
    <M, T> List<T> each(List<M> models, Function<M, T> call) {
        if (!inParallel || models.size() < 2) {
            List<T> out = new ArrayList<>(models.size());
            for (M m : models) {
                out.add(call.apply(m));
            }
            return out;
        }
        Object[] results = new Object[models.size()];
        Throwable[] failures = new Throwable[models.size()];
        Thread[] threads = new Thread[models.size()];
        for (int i = 0; i < models.size(); i++) {
            int index = i;
            threads[i] = Thread.ofPlatform().name("ensemble-model-" + i).start(() -> {
                try {
                    results[index] = call.apply(models.get(index));
                } catch (Throwable t) {
                    failures[index] = t;
                }
            });
        }
        Threads.joinAll(threads);
        for (Throwable t : failures) {
            if (t instanceof RuntimeException r) {
                throw r;
            } else if (t instanceof Error e) {
                throw e;
            }
        }
        List<T> out = new ArrayList<>(models.size());
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            T typed = (T) r;
            out.add(typed);
        }
        return out;
    }

    /**
     * {@code call} on all {@code lanes} at once; if that fails in a way listed in {@code tolerated}, every lane again
     * on its own, so that only the lanes that fail alone are reported as failed. Any other failure is rethrown. The
     * call must leave its model unchanged when it throws a tolerated failure.
     */
    static <T> List<Outcome<T>> perLane(int[] lanes, Function<int[], List<T>> call, EnumSet<Failure> tolerated) {
        try {
            return call.apply(lanes).stream().map(Outcome::of).toList();
        } catch (RuntimeException | OutOfMemoryError e) {
            Failure kind = Failure.of(e);
            if (kind == null || !tolerated.contains(kind)) {
                throw e;
            }
            if (lanes.length == 1) {
                return List.of(new Outcome<>(null, kind, e));
            }
        }
        List<Outcome<T>> out = new ArrayList<>(lanes.length);
        for (int lane : lanes) {
            out.addAll(perLane(new int[] {lane}, call, tolerated));
        }
        return out;
    }

    @Override
    public String toString() {
        return inParallel ? "models in parallel" : "models in turns";
    }
}
