package xcot.runs.phases;

import xcot.runs.plan.PlanStep;

/** Executes a plan's steps in order, each by its phase's executor. */
public final class Phases {
    private Phases() {}

    public static void run(PhaseContext ctx) {
        AttemptPhase attempts = new AttemptPhase(ctx);
        EnsemblePhase ensembles = new EnsemblePhase(ctx);
        AnswerRemovalPhase removal = new AnswerRemovalPhase(ctx);
        for (PlanStep step : ctx.plan().steps()) {
            ctx.listener().step(step.label());
            switch (step.phase()) {
                case OWN_COT, INSERTED_COT -> attempts.run(step);
                case ENSEMBLE -> ensembles.run(step);
                case ANSWER_REMOVAL -> removal.run(step);
            }
        }
    }
}
