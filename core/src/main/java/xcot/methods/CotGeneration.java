package xcot.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.profiles.ThinkingFormat;
import xcot.tasks.TaskPrompt;

/**
 * The ways a model answers an item (docs/reference-pipeline.md §4.1, §4.2, §6.2): writing its own CoT (Default,
 * Sampled), continuing after an inserted CoT (Empty, Transfer, the without-answer variants, Ensemble, corrupted CoTs),
 * or finishing a CoT started for it (the toy task's forced wrong first step).
 */
public final class CotGeneration {
    private CotGeneration() {}

    /**
     * Own CoT in two passes: the rendered prompt plus the family's opening marker; pass 1 up to the CoT budget; the
     * thinking block closed if the model did not close it (Instruction Induction then appends
     * {@code " The instruction is:"}); pass 2 up to the answer budget.
     *
     * <p>When pass 2 runs: always for Instruction Induction (the answer is forced) and, under
     * {@code ref.always-second-pass} (Q6), always for MedCalc, on the decoded text re-tokenized; otherwise only if
     * pass 1 ran out of room without closing its thinking, continuing from pass 1's tokens.
     */
    public static Attempt ownCot(TextGenerator generator, GenerationSetup setup, TaskPrompt prompt,
            SamplingSpec sampling) {
        String rendered = setup.profile().render(prompt, setup.render());
        return writeCot(generator, setup, rendered + setup.profile().ownCotOpening(rendered), Optional.empty(),
                sampling);
    }

    /**
     * A CoT started for the model and left open ({@link xcot.profiles.ModelProfile#openInsertion}): the model writes
     * the rest of it, closes it and answers, in the two passes of {@link #ownCot}. Its thinking is the whole chain,
     * the inserted start included.
     */
    public static Attempt continued(TextGenerator generator, GenerationSetup setup, TaskPrompt prompt, String cotStart,
            SamplingSpec sampling) {
        String rendered = setup.profile().render(prompt, setup.render());
        return writeCot(generator, setup, rendered + setup.profile().openInsertion(rendered, cotStart, setup.kind(),
                setup.flags()), Optional.of(cotStart), sampling);
    }

    private static Attempt writeCot(TextGenerator generator, GenerationSetup setup, String promptText,
            Optional<String> insertedCot, SamplingSpec sampling) {
        ThinkingFormat format = setup.format();
        PromptInput input = new PromptInput.Text(promptText);
        Budget cotBudget = setup.promptInclusive()
                ? new Budget.PromptInclusive(setup.budgets().cotTokens(), List.of())
                : new Budget.Fixed(setup.budgets().cotTokens());
        Generated first = generator.generate(new GenerationRequest(input, cotBudget, sampling, Stage.THINKING,
                setup.renderSpecial()));
        List<Pass> passes = new ArrayList<>(List.of(Pass.of(first)));

        String closing = format.closingFor(first.text());
        boolean forced = setup.kind().forcesAnswer();
        boolean referenceSecondPass = setup.kind().alwaysSecondPass(setup.flags());
        boolean secondPass = forced || referenceSecondPass
                || (first.stopReason().ranOutOfRoom() && !closing.isEmpty());
        String continuation = first.text();
        if (secondPass && first.stopReason() != StopReason.PROMPT_TOO_LONG) {
            String appended = closing + setup.kind().answerSuffix();
            PromptInput second;
            Budget answerBudget;
            if (referenceSecondPass) {
                second = new PromptInput.Text(promptText + first.text() + appended);
                answerBudget = setup.promptInclusive()
                        ? new Budget.PromptInclusive(setup.budgets().answerTokens(), List.of())
                        : new Budget.Fixed(setup.budgets().answerTokens());
            } else {
                second = new PromptInput.Continuation(input, first.tokens(), appended);
                answerBudget = new Budget.Fixed(setup.budgets().answerTokens());
            }
            Generated answer = generator.generate(new GenerationRequest(second, answerBudget, sampling, Stage.ANSWER,
                    setup.renderSpecial()));
            passes.add(Pass.of(answer));
            continuation = first.text() + appended + answer.text();
        }
        String thinking = setup.benchmark().thinking(format.open(), format.close(), promptText, continuation);
        return new Attempt(promptText, continuation, insertedCot, thinking, passes);
    }

    /**
     * One pass after an inserted CoT: the rendered prompt, the family's insertion of {@code cot} (and Instruction
     * Induction's answer suffix), then free continuation up to the insertion budget (MedCalc: the target is not
     * forced to answer at once) or the 30 forced tokens (Instruction Induction).
     */
    public static Attempt inserted(TextGenerator generator, GenerationSetup setup, TaskPrompt prompt, String cot,
            SamplingSpec sampling) {
        String rendered = setup.profile().render(prompt, setup.render());
        String promptText = rendered + setup.profile().insertion(rendered, cot, setup.kind(), setup.flags())
                + setup.kind().answerSuffix();
        Budget budget = setup.promptInclusive()
                ? new Budget.PromptInclusive(setup.budgets().cotTokens() + setup.budgets().answerTokens(),
                        List.of(rendered))
                : new Budget.Fixed(setup.budgets().insertedTokens());
        Generated g = generator.generate(new GenerationRequest(new PromptInput.Text(promptText), budget, sampling,
                Stage.ANSWER, setup.renderSpecial()));
        String thinking = setup.benchmark().thinking(setup.format().open(), setup.format().close(), promptText,
                g.text());
        return new Attempt(promptText, g.text(), Optional.of(cot), thinking, List.of(Pass.of(g)));
    }
}
