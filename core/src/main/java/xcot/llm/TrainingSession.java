package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import xcot.bindings.ggml_opt_epoch_callback;
import xcot.bindings.ggml_opt_get_optimizer_params;
import xcot.bindings.ggml_opt_optimizer_params;
import xcot.bindings.llama_opt_params;

/**
 * Training of a {@link Context}'s model through llama.cpp's optimizer ({@code llama_opt_init} once, then
 * {@code llama_opt_epoch} per epoch): AdamW over every F32 tensor except {@code token_embd}, one optimizer step per
 * training window, weights updated in place in the model (save them with {@link Model#saveTo}).
 *
 * <p>Owns two {@code ggml_opt_result}s (training and validation, freed on close) and a shared arena holding the
 * upcall stubs that llama.cpp calls back: the optimizer-parameters callback (once per optimizer step; it asks the
 * {@link LearningRateSchedule}) and, when a {@link TrainingProgress} is given, the per-window epoch callback. Both run
 * on the thread that calls {@link #epoch}; neither lets an exception reach native code. The optimizer context itself
 * belongs to the llama.cpp context and is freed with it; this session is the context's child and closes first. After
 * close no epoch can run, so the stubs are never called again and their arena is closed with the session.
 *
 * <p>Made by {@link Context#startTraining}. Not thread-safe.
 */
public final class TrainingSession extends NativeHandle {
    /**
     * Returned when the schedule failed: a learning rate so small that the remaining steps of the epoch change
     * nothing, because ggml offers no way to stop an epoch early and aborts on a zero rate.
     */
    private static final AdamW INERT = new AdamW(Float.MIN_NORMAL, 0.9f, 0.99f, 1e-8f, 0f);

    private final Context context;
    private final Arena arena;
    private final MemorySegment resultEval;
    private final LearningRateSchedule schedule;
    private final TrainingProgress progress;
    private final MemorySegment optimizerParams;
    private final MemorySegment optimizerStub;
    private final MemorySegment progressStub;
    private final MemorySegment lossOut;
    private final MemorySegment uncertaintyOut;
    private long steps;
    private Throwable scheduleFailure;
    private long failedStep;

    private TrainingSession(Context context, Arena arena, MemorySegment resultTrain, MemorySegment resultEval,
            LearningRateSchedule schedule, TrainingProgress progress) {
        super("training session", resultTrain);
        this.context = context;
        this.arena = arena;
        this.resultEval = resultEval;
        this.schedule = schedule;
        this.progress = progress;
        this.optimizerParams = arena.allocate(ggml_opt_optimizer_params.layout());
        this.lossOut = arena.allocate(ValueLayout.JAVA_DOUBLE);
        this.uncertaintyOut = arena.allocate(ValueLayout.JAVA_DOUBLE);
        this.optimizerStub = ggml_opt_get_optimizer_params.allocate(this::optimizerParameters, arena);
        this.progressStub = progress == null
                ? MemorySegment.NULL
                : ggml_opt_epoch_callback.allocate(this::windowDone, arena);
    }

    /** Called by {@link Context#startTraining} after {@link TrainingPreconditions#check}. */
    static TrainingSession open(Context context, LearningRateSchedule schedule, TrainingProgress progress) {
        Objects.requireNonNull(schedule, "schedule");
        // Shared, not confined: native code calls the stubs, and a confined arena would tie them to one thread.
        Arena arena = Arena.ofShared();
        MemorySegment resultTrain = ggml_opt_result_init();
        MemorySegment resultEval = ggml_opt_result_init();
        TrainingSession session;
        try {
            session = new TrainingSession(context, arena, resultTrain, resultEval, schedule, progress);
        } catch (RuntimeException | Error e) {
            ggml_opt_result_free(resultTrain);
            ggml_opt_result_free(resultEval);
            arena.close();
            throw e;
        }
        MemorySegment params = arena.allocate(llama_opt_params.layout());
        llama_opt_params.n_ctx_train(params, 0); // 0: the context's window
        llama_opt_params.param_filter(params, llama_opt_param_filter_all$address());
        llama_opt_params.param_filter_ud(params, MemorySegment.NULL);
        llama_opt_params.get_opt_pars(params, session.optimizerStub);
        llama_opt_params.get_opt_pars_ud(params, MemorySegment.NULL);
        llama_opt_params.optimizer_type(params, GGML_OPT_OPTIMIZER_TYPE_ADAMW());
        llama_opt_init(context.pointer(), context.model().pointer(), params);
        return session;
    }

    /**
     * Runs one epoch over {@code dataset}: windows {@code [0, trainWindows)} train (one optimizer step each, in
     * order), the rest only measure. The dataset's windows must be as long as the context's window.
     *
     * @throws TrainingException if the schedule failed during the epoch (the epoch ran to its end with an inert
     *                           learning rate; the session cannot train further)
     */
    public EpochResult epoch(TrainingDataset dataset, int trainWindows) {
        MemorySegment results = pointer();
        if (scheduleFailure != null) {
            throw new TrainingException("this session's learning-rate schedule failed at step " + failedStep
                    + "; start a new session");
        }
        if (dataset.windowTokens() != context.contextTokens()) {
            throw new IllegalArgumentException("dataset windows of " + dataset.windowTokens() + " tokens, but the"
                    + " training context's window is " + context.contextTokens());
        }
        if (dataset.vocabSize() > context.vocabSize()) {
            throw new IllegalArgumentException("dataset checked against a vocabulary of " + dataset.vocabSize()
                    + " tokens, the model has " + context.vocabSize());
        }
        if (trainWindows < 0 || trainWindows > dataset.windows()) {
            throw new IllegalArgumentException("train windows " + trainWindows + " outside [0, " + dataset.windows()
                    + "]");
        }
        if (!dataset.isFilled()) {
            throw new IllegalStateException("not every window of the dataset has been written");
        }
        long start = System.nanoTime();
        llama_opt_epoch(context.pointer(), dataset.struct(), results, resultEval, trainWindows, progressStub,
                progressStub);
        long elapsed = System.nanoTime() - start;
        EpochResult.Pass train = pass(results, trainWindows);
        EpochResult.Pass validation = pass(resultEval, dataset.windows() - trainWindows);
        ggml_opt_result_reset(results);
        ggml_opt_result_reset(resultEval);
        if (scheduleFailure != null) {
            throw new TrainingException("the learning-rate schedule failed at optimizer step " + failedStep + ": "
                    + scheduleFailure + " (the rest of the epoch ran with an inert learning rate)", scheduleFailure);
        }
        return new EpochResult(train, validation, steps, elapsed, dataset.windowTokens());
    }

    /** Optimizer steps taken so far (calls of the schedule). */
    public long optimizerSteps() {
        pointer();
        return steps;
    }

    private EpochResult.Pass pass(MemorySegment result, int windows) {
        if (windows == 0) {
            // ggml reports a loss of 0 for an empty result; no windows means no measurement.
            return new EpochResult.Pass(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        // ggml_opt_result_loss writes the uncertainty although its header says the pointer may be NULL.
        ggml_opt_result_loss(result, lossOut, uncertaintyOut);
        double loss = lossOut.get(ValueLayout.JAVA_DOUBLE, 0);
        double lossUncertainty = uncertaintyOut.get(ValueLayout.JAVA_DOUBLE, 0);
        ggml_opt_result_accuracy(result, lossOut, uncertaintyOut);
        return new EpochResult.Pass(windows, loss, lossUncertainty, lossOut.get(ValueLayout.JAVA_DOUBLE, 0),
                uncertaintyOut.get(ValueLayout.JAVA_DOUBLE, 0));
    }

    /** The optimizer-parameters upcall: never throws, never returns a value ggml would abort on. */
    private MemorySegment optimizerParameters(MemorySegment userData) {
        AdamW p = INERT;
        if (scheduleFailure == null) {
            try {
                p = Objects.requireNonNull(schedule.at(steps), "the schedule returned null");
            } catch (Throwable t) {
                scheduleFailure = t;
                failedStep = steps;
            }
        }
        steps++;
        MemorySegment adamw = ggml_opt_optimizer_params.adamw(optimizerParams);
        ggml_opt_optimizer_params.adamw.alpha(adamw, p.learningRate());
        ggml_opt_optimizer_params.adamw.beta1(adamw, p.beta1());
        ggml_opt_optimizer_params.adamw.beta2(adamw, p.beta2());
        ggml_opt_optimizer_params.adamw.eps(adamw, p.epsilon());
        ggml_opt_optimizer_params.adamw.wd(adamw, p.weightDecay());
        MemorySegment sgd = ggml_opt_optimizer_params.sgd(optimizerParams);
        ggml_opt_optimizer_params.sgd.alpha(sgd, p.learningRate());
        ggml_opt_optimizer_params.sgd.wd(sgd, p.weightDecay());
        return optimizerParams;
    }

    /** The epoch-callback upcall: reads the pass's running loss and tells the listener; swallows its failures. */
    private void windowDone(boolean training, MemorySegment optContext, MemorySegment dataset, MemorySegment result,
            long window, long windows, long startMicros) {
        try {
            ggml_opt_result_loss(result, lossOut, uncertaintyOut);
            progress.windowDone(training, window, windows, lossOut.get(ValueLayout.JAVA_DOUBLE, 0));
        } catch (Throwable ignored) {
            // A progress display must never take training down, and nothing may be thrown into native code.
        }
    }

    @Override
    void free(MemorySegment resultTrain) {
        ggml_opt_result_free(resultTrain);
        ggml_opt_result_free(resultEval);
        arena.close();
    }
}
