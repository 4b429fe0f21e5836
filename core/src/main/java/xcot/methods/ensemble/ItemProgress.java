package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xcot.methods.IterationTrace;

/**
 * One item's ensemble so far, in its lane of a {@link GroupRun}: the chunks and iterations it has, its stop rules, and
 * why and when it ended. Not thread-safe.
 */
final class ItemProgress {
    private static final Logger LOG = LoggerFactory.getLogger(ItemProgress.class);

    final int lane;
    private final EnsembleOptions options;
    private final EnsembleModel first;
    private final EnsembleModel lastEvaluator;
    private final int promptTokens;
    private final long startNanos;
    private final List<String> chunks = new ArrayList<>();
    private final List<IterationTrace> trace = new ArrayList<>();
    private long chunkTokenTotal;
    private StopReason stopReason;
    private String firstGeneratorContext;
    private long elapsedNanos;

    /** @param options the algorithm's settings with this item's length cap */
    ItemProgress(int lane, EnsembleOptions options, EnsembleModel first, EnsembleModel lastEvaluator,
                 long startNanos) {
        this.lane = lane;
        this.options = options;
        this.first = first;
        this.lastEvaluator = lastEvaluator;
        this.promptTokens = first.contextTokens(lane);
        this.chunkTokenTotal = promptTokens;
        this.startNanos = startNanos;
    }

    /** Whether the item takes part in the next iteration; if not, it has ended (and says why). */
    boolean goesOn() {
        if (stopReason == null) {
            StopReason reason = stopBefore(trace.size());
            if (reason != null) {
                end(reason);
            }
        }
        return stopReason == null;
    }

    boolean ended() {
        return stopReason != null;
    }

    int iteration() {
        return trace.size();
    }

    private StopReason stopBefore(int iteration) {
        if (options.maxIterations() > 0 && iteration >= options.maxIterations()) {
            return StopReason.ITERATION_LIMIT;
        }
        if (iteration > 0 && first.contextText(lane).contains(options.stopMarker())) {
            return StopReason.THINKING_CLOSED;
        }
        LengthCap cap = options.lengthCap();
        if (iteration > 0 && !cap.isNone()) {
            long count = cap.counting() == LengthCap.Counting.FIRST_GENERATOR_CONTEXT ? first.contextTokens(lane)
                    : chunkTokenTotal;
            if (count >= (long) promptTokens + cap.newTokens()) {
                return StopReason.LENGTH_CAP;
            }
        }
        return null;
    }

    /** Ends the item: what the first generator's context holds now is its result. */
    void end(StopReason reason) {
        stopReason = reason;
        firstGeneratorContext = first.contextText(lane);
        elapsedNanos = System.nanoTime() - startNanos;
    }

    /** Ends the item because {@code cause} left no room for its next step. */
    void endOutOfRoom(Throwable cause) {
        LOG.info("ensemble stops at iteration {}: {}", trace.size(), cause.getMessage());
        end(StopReason.CONTEXT_FULL);
    }

    /** Records an iteration whose chosen chunk every model has appended. */
    void record(IterationTrace iteration) {
        chunks.add(EnsembleOptions.appended(iteration.chosen()));
        trace.add(iteration);
        if (options.lengthCap().counting() == LengthCap.Counting.LAST_EVALUATOR_CHUNKS) {
            chunkTokenTotal += lastEvaluator.countTokens(iteration.chosen());
        }
    }

    StopReason stopReason() {
        return stopReason;
    }

    List<IterationTrace> iterations() {
        return List.copyOf(trace);
    }

    EnsembleResult result(List<String> generators, List<String> evaluators) {
        if (stopReason == null) {
            throw new IllegalStateException("the run has not ended: call step() until it returns false");
        }
        return new EnsembleResult(generators, evaluators, chunks, firstGeneratorContext, stopReason, trace,
                elapsedNanos);
    }
}
