package xcot.zoo;

import xcot.llm.AdamW;
import xcot.llm.LearningRateSchedule;

/**
 * Linear warm-up to {@code peak} over {@code warmupSteps} steps, then a cosine decay that reaches
 * {@code floorFraction * peak} at step {@code totalSteps}: with {@code t} previous steps, W warm-up steps and T in
 * all, {@code lr = peak * (t+1)/W} for {@code t < W}, else
 * {@code peak * (f + (1-f) * (1 + cos(pi * min(1, (t-W)/(T-W)))) / 2)}. No gradient clipping exists in ggml's
 * optimizer; this schedule kept training stable. AdamW betas 0.9/0.99, epsilon 1e-8, no weight decay.
 */
public record WarmupCosine(float peak, int warmupSteps, long totalSteps, float floorFraction)
        implements LearningRateSchedule {
    public WarmupCosine {
        if (!(peak > 0) || warmupSteps < 0 || totalSteps < 1 || !(floorFraction > 0 && floorFraction <= 1)) {
            throw new IllegalArgumentException("bad schedule: peak " + peak + ", warm-up " + warmupSteps
                    + ", total " + totalSteps + ", floor " + floorFraction);
        }
    }

    public static WarmupCosine of(TrainingRecipe recipe, long totalSteps) {
        return new WarmupCosine(recipe.learningRate(), recipe.warmupSteps(), totalSteps,
                recipe.finalLearningRateFraction());
    }

    public double learningRate(long previousSteps) {
        if (previousSteps < warmupSteps) {
            return peak * (double) (previousSteps + 1) / warmupSteps;
        }
        double progress = Math.min(1.0, (double) (previousSteps - warmupSteps)
                / Math.max(1, totalSteps - warmupSteps));
        return peak * (floorFraction + (1 - floorFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    @Override
    public AdamW at(long previousSteps) {
        return AdamW.withLearningRate((float) learningRate(previousSteps));
    }
}
