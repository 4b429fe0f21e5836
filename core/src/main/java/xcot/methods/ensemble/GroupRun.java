package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xcot.methods.IterationTrace;
import xcot.methods.ensemble.ModelCalls.Failure;
import xcot.methods.ensemble.ModelCalls.Outcome;

/**
 * The ensembles of several items advancing together, created by {@link EnsembleEngine#begin(EnsembleEngine.Lineup,
 * List)}: item {@code i} lives in lane {@code i} of every model, and each {@link #step()} runs one iteration of every
 * item that has not ended (see {@link EnsembleEngine} for what one does), each phase one call per model for all the
 * items: every generator samples for all of them in one decode per token, every evaluator scores all their
 * candidates in shared decodes, every model appends all their chunks in one. Items are independent: each has its own
 * candidates, choice, stop rules and trace, and ends on its own; one that ends leaves the others running.
 *
 * <p>Results depend only on the items, the models and the options: never on thread timing (see {@link ModelCalls})
 * nor on how fast other items end. Not thread-safe.
 */
public final class GroupRun {
    private static final Logger LOG = LoggerFactory.getLogger(GroupRun.class);
    private static final EnumSet<Failure> ROOM_ONLY = EnumSet.of(Failure.OUT_OF_ROOM);
    private static final EnumSet<Failure> ANY_FAILURE = EnumSet.allOf(Failure.class);

    private final EnsembleOptions options;
    private final List<EnsembleModel> generators;
    private final List<EnsembleModel> evaluators;
    private final List<EnsembleModel> members;
    private final List<ItemProgress> items = new ArrayList<>();
    private final ModelCalls calls;

    GroupRun(EnsembleOptions options, EnsembleEngine.Lineup lineup, List<EnsembleEngine.ItemStart> starts,
             ModelCalls calls) {
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one item");
        }
        long t0 = System.nanoTime();
        this.options = options;
        this.generators = lineup.generators();
        this.evaluators = lineup.evaluators();
        this.members = lineup.members();
        this.calls = calls;
        Map<EnsembleModel, List<String>> contexts = contexts(lineup, starts);
        calls.each(members, m -> {
            try {
                m.start(contexts.get(m));
            } catch (RuntimeException | OutOfMemoryError e) {
                skipOrThrow(m, e);
            }
            return null;
        });
        for (int lane = 0; lane < starts.size(); lane++) {
            items.add(new ItemProgress(lane, options.withLengthCap(starts.get(lane).lengthCap()),
                    generators.getFirst(), evaluators.getLast(), t0));
        }
    }

    /**
     * A model failure of an evaluator (that does not generate) while it builds its contexts is noted, not thrown: its
     * lanes then fail every scoring call, and it is skipped for these items as for any failed scoring. Everything
     * else is thrown.
     */
    private void skipOrThrow(EnsembleModel m, Throwable e) {
        if (generators.contains(m) || Failure.of(e) != Failure.MODEL_FAILED) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e;
        }
        LOG.warn("evaluator {} failed to take its context and is skipped from now on: {}", m.name(), e.getMessage());
    }

    /** Per model, its context text of every item; a model in both roles must be given the same text. */
    private static Map<EnsembleModel, List<String>> contexts(EnsembleEngine.Lineup lineup,
                                                            List<EnsembleEngine.ItemStart> starts) {
        Map<EnsembleModel, List<String>> contexts = new IdentityHashMap<>();
        for (EnsembleEngine.ItemStart start : starts) {
            Map<EnsembleModel, String> item = new IdentityHashMap<>();
            for (int g = 0; g < lineup.generators().size(); g++) {
                item.put(lineup.generators().get(g), start.generatorContexts().get(g));
            }
            for (int e = 0; e < lineup.evaluators().size(); e++) {
                EnsembleModel m = lineup.evaluators().get(e);
                String previous = item.putIfAbsent(m, start.evaluatorContexts().get(e));
                if (previous != null && !previous.equals(start.evaluatorContexts().get(e))) {
                    throw new IllegalArgumentException(m.name() + " is given two different context texts");
                }
            }
            item.forEach((m, text) -> contexts.computeIfAbsent(m, k -> new ArrayList<>()).add(text));
        }
        return contexts;
    }

    /** Runs the next iteration of every item that goes on; false once every item has ended. */
    public boolean step() {
        List<ItemRound> rounds = new ArrayList<>();
        for (ItemProgress item : items) {
            if (item.goesOn()) {
                rounds.add(new ItemRound(item));
            }
        }
        if (rounds.isEmpty()) {
            return false;
        }
        long t0 = System.nanoTime();
        propose(rounds);
        rounds = ongoing(rounds);
        if (!rounds.isEmpty()) {
            score(rounds);
            rounds = ongoing(rounds);
        }
        if (!rounds.isEmpty()) {
            append(rounds);
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        boolean recorded = false;
        for (ItemRound round : ongoing(rounds)) {
            round.item.record(round.trace(millis));
            recorded = true;
        }
        return recorded;
    }

    /** Every generator samples its continuations for every item, each cut to its last sentence boundary. */
    private void propose(List<ItemRound> rounds) {
        int[] lanes = lanes(rounds);
        List<List<Outcome<List<String>>>> byGenerator = calls.each(generators, g -> ModelCalls.perLane(lanes,
                ls -> g.sample(ls, options.samplesPerGenerator(), options.maxChunkTokens()), ROOM_ONLY));
        for (int g = 0; g < generators.size(); g++) {
            for (int r = 0; r < rounds.size(); r++) {
                Outcome<List<String>> samples = byGenerator.get(g).get(r);
                if (samples.failed()) {
                    rounds.get(r).outOfRoom(samples.cause());
                } else {
                    rounds.get(r).propose(g, samples.value(), options.sentenceRule());
                }
            }
        }
    }

    /** Every evaluator scores every item's distinct candidates; the lowest mean perplexity wins. */
    private void score(List<ItemRound> rounds) {
        List<CandidateScoring.Request> requests = new ArrayList<>();
        for (ItemRound round : rounds) {
            round.distinct = Selection.distinctTexts(round.candidates);
            requests.add(new CandidateScoring.Request(round.item.lane,
                    round.distinct.stream().map(options::scored).toList()));
        }
        // Every item that goes on is at the same iteration: each step advances all of them.
        List<CandidateScoring.Scores> scores = CandidateScoring.score(evaluators, requests, options, calls,
                rounds.getFirst().item.iteration());
        for (int r = 0; r < rounds.size(); r++) {
            rounds.get(r).choose(scores.get(r));
        }
    }

    /** {@code " " + best.strip()} is appended to every model's context of every item that chose one. */
    private void append(List<ItemRound> rounds) {
        int[] lanes = lanes(rounds);
        List<String> chunks = rounds.stream().map(r -> EnsembleOptions.appended(r.chosen())).toList();
        List<List<Outcome<Boolean>>> byMember = calls.each(members, m -> ModelCalls.perLane(lanes, ls -> {
            m.append(ls, select(chunks, lanes, ls));
            return Collections.nCopies(ls.length, Boolean.TRUE);
        }, generators.contains(m) ? ROOM_ONLY : ANY_FAILURE));
        for (List<Outcome<Boolean>> outcomes : byMember) {
            for (int r = 0; r < rounds.size(); r++) {
                Outcome<Boolean> outcome = outcomes.get(r);
                // A failed evaluator's lane stays unusable: it is skipped in the item's later iterations.
                if (outcome.failure() == Failure.OUT_OF_ROOM) {
                    rounds.get(r).outOfRoom(outcome.cause());
                }
            }
        }
    }

    /** For each of {@code lanes}, the entry of {@code values} that belongs to it ({@code values} is per lane of all). */
    private static <T> List<T> select(List<T> values, int[] all, int[] lanes) {
        List<T> out = new ArrayList<>(lanes.length);
        for (int lane : lanes) {
            int i = 0;
            while (all[i] != lane) {
                i++;
            }
            out.add(values.get(i));
        }
        return out;
    }

    private static List<ItemRound> ongoing(List<ItemRound> rounds) {
        return rounds.stream().filter(r -> !r.item.ended()).toList();
    }

    private static int[] lanes(List<ItemRound> rounds) {
        return rounds.stream().mapToInt(r -> r.item.lane).toArray();
    }

    /** Items in the group. */
    public int items() {
        return items.size();
    }

    /** Why item {@code i} ended, or null while it goes on. */
    public StopReason stopReason(int item) {
        return items.get(item).stopReason();
    }

    /** Item {@code i}'s iterations so far. */
    public List<IterationTrace> iterations(int item) {
        return items.get(item).iterations();
    }

    /** The outcome of every item, in item order; only once all have ended. */
    public List<EnsembleResult> results() {
        List<EnsembleResult> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(result(i));
        }
        return out;
    }

    /** The outcome of item {@code i}; only once it has ended. */
    public EnsembleResult result(int item) {
        return items.get(item).result(names(generators), names(evaluators));
    }

    private static List<String> names(List<EnsembleModel> models) {
        return models.stream().map(EnsembleModel::name).toList();
    }
}
