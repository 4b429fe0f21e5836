package xcot.runs.phases;

import java.util.List;
import xcot.runs.plan.PlanStep;
import xcot.runs.plan.Unit;

/**
 * Runs a plan's work one group of a step at a time, through the same phase executors as {@link Phases}: for a worker
 * that claims groups from a shared queue, and for an export that reads a finished run back from the store.
 *
 * <p>{@link #run} computes what of a group is not in the store (the rest is recalled, as a resumed run does) and keeps
 * the step's models loaded for the worker's next group of the same models; other models are freed first, so at most
 * one step's models (one model, or one ensemble's) are loaded at a time, as in a single run. {@link #recall} puts results that are known to be
 * stored — those of units the queue reports done — into the context's results, loading no model: a missing result is
 * an error there, never a silent recomputation. Both write into the context's {@code Results}, which later groups
 * read their inserted CoTs from. Single-threaded.
 */
public final class GroupExecutor implements AutoCloseable {
    private final LoadedModels kept = LoadedModels.kept();
    private final LoadedModels refused = LoadedModels.refused();
    private final Executors computing;
    private final Executors recalling;
    /** The models the kept handles belong to (a step's {@link PlanStep#models}). */
    private List<String> keptFor = List.of();

    /** @param ctx the plan, the store and the results the groups share; its listener hears about computed groups */
    public GroupExecutor(PhaseContext ctx) {
        PhaseContext quiet = new PhaseContext(ctx.plan(), ctx.store(), ctx.results(), PhaseListener.NONE, ctx.env(),
                ctx.ensembleEngine());
        this.computing = new Executors(new AttemptPhase(ctx, kept), new EnsemblePhase(ctx, kept),
                new AnswerRemovalPhase(ctx, kept));
        this.recalling = new Executors(new AttemptPhase(quiet, refused), new EnsemblePhase(quiet, refused),
                new AnswerRemovalPhase(quiet, refused));
    }

    /** Computes (or recalls) the units of {@code group}, a group of {@code step}'s units, into the results. */
    public void run(PlanStep step, List<? extends Unit> group) {
        if (!step.models().equals(keptFor)) {
            // Another step's models, even one shared with this step, go: a kept model's context would stay beside
            // the new step's own (an ensemble makes contexts of its own), beyond what the memory check allowed.
            kept.close();
            keptFor = step.models();
        }
        computing.run(subStep(step, group));
    }

    /**
     * Recalls the stored results of {@code group} into the results without loading a model.
     *
     * @throws IllegalStateException if a result is not in the store
     */
    public void recall(PlanStep step, List<? extends Unit> group) {
        recalling.run(subStep(step, group));
    }

    /** Frees the kept models. */
    @Override
    public void close() {
        kept.close();
    }

    private static PlanStep subStep(PlanStep step, List<? extends Unit> group) {
        return new PlanStep(step.phase(), step.label(), step.models(), group);
    }

    /** One executor per phase, sharing a context and a model policy. */
    private record Executors(AttemptPhase attempts, EnsemblePhase ensembles, AnswerRemovalPhase removal) {
        void run(PlanStep step) {
            switch (step.phase()) {
                case OWN_COT, INSERTED_COT -> attempts.run(step);
                case ENSEMBLE -> ensembles.run(step);
                case ANSWER_REMOVAL -> removal.run(step);
            }
        }
    }
}
