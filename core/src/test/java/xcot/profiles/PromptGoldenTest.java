package xcot.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.TaskPrompt;

/**
 * Rendered prompts and insertion strings against the texts of docs/reference-pipeline.md §1, §4.1, §4.2 and §6.2,
 * transcribed from the spec by hand (not produced by the code under test). {S} and {U} stand for the system and user
 * texts, {CoT} for the inserted chain of thought.
 */
class PromptGoldenTest {
    static final String S = "You are a helpful assistant for calculating a score. {\"answer\": str(x)}";
    static final String U = "Here is the patient note:\nA 72-year-old man.\n\nHere is the task:\nWhat is it?";
    static final String II = "Input: cat\nOutput: dog\n\nThe instruction was";
    static final String COT = " Okay, let's compute. The answer is 4.";
    static final TaskPrompt MEDCALC = TaskPrompt.of(S, U);
    static final TaskPrompt INDUCTION = TaskPrompt.userOnly(II);
    static final LocalDate DATE = LocalDate.of(2026, 1, 18);
    static final Quirks FIXED = Quirks.fixed();
    static final Quirks REF = Quirks.referenceCompat();

    static ModelProfile profile(ModelFamily f) {
        return ModelProfile.of(f, Optional.empty());
    }

    static String render(ModelFamily f, TaskPrompt p, Quirks flags) {
        return profile(f).render(p, new RenderOptions(DATE, ReasoningEffort.LOW, flags));
    }

    static String medcalcInsert(ModelFamily f, Quirks flags) {
        String rendered = render(f, MEDCALC, flags);
        return rendered + profile(f).insertion(rendered, COT, BenchmarkKind.MEDCALC, flags);
    }

    static String inductionInsert(ModelFamily f, Quirks flags) {
        String rendered = render(f, INDUCTION, flags);
        return rendered + profile(f).insertion(rendered, COT, BenchmarkKind.INDUCTION, flags);
    }

    // §1 rendered prompts, identical in both modes

    @Test
    void qwq() {
        String expected = "<|im_start|>system\n" + S + "<|im_end|>\n<|im_start|>user\n" + U
                + "<|im_end|>\n<|im_start|>assistant\n<think>\n";
        assertEquals(expected, render(ModelFamily.QWQ, MEDCALC, FIXED));
        assertEquals(expected, render(ModelFamily.QWQ, MEDCALC, REF));
        assertEquals("<|im_start|>user\n" + II + "<|im_end|>\n<|im_start|>assistant\n<think>\n",
                render(ModelFamily.QWQ, INDUCTION, FIXED));
    }

    @Test
    void dapoInjectsItsDefaultSystemPrompt() {
        assertEquals("<|im_start|>system\n" + S + "<|im_end|>\n<|im_start|>user\n" + U
                + "<|im_end|>\n<|im_start|>assistant\n", render(ModelFamily.DAPO, MEDCALC, FIXED));
        assertEquals("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n" + II
                + "<|im_end|>\n<|im_start|>assistant\n", render(ModelFamily.DAPO, INDUCTION, REF));
    }

    @Test
    void openThinkerInjectsTheQwenSystemPrompt() {
        assertEquals("<|im_start|>system\n" + S + "<|im_end|>\n<|im_start|>user\n" + U
                + "<|im_end|>\n<|im_start|>assistant\n", render(ModelFamily.OPENTHINKER, MEDCALC, FIXED));
        assertEquals("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
                + "<|im_end|>\n<|im_start|>user\n" + II + "<|im_end|>\n<|im_start|>assistant\n",
                render(ModelFamily.OPENTHINKER, INDUCTION, FIXED));
    }

    @Test
    void deepSeekDistillWritesBosItself() {
        assertEquals("<｜begin▁of▁sentence｜>" + S + "<｜User｜>" + U + "<｜Assistant｜><think>\n",
                render(ModelFamily.DEEPSEEK_R1_DISTILL, MEDCALC, FIXED));
        assertEquals("<｜begin▁of▁sentence｜><｜User｜>" + II + "<｜Assistant｜><think>\n",
                render(ModelFamily.DEEPSEEK_R1_DISTILL, INDUCTION, REF));
    }

    static String harmony(String identity, String effort, String user) {
        return "<|start|>system<|message|>" + identity + "\nKnowledge cutoff: 2024-06\nCurrent date: 2026-01-18"
                + "\n\nReasoning: " + effort + "\n\n# Valid channels: analysis, commentary, final. Channel must be "
                + "included for every message.<|end|><|start|>user<|message|>" + user + "<|end|><|start|>assistant";
    }

    @Test
    void gptOssTakesTheSystemTextAsModelIdentity() {
        assertEquals(harmony(S, "low", U), render(ModelFamily.GPT_OSS, MEDCALC, FIXED));
        assertEquals(harmony(S, "medium", U), profile(ModelFamily.GPT_OSS).render(MEDCALC,
                new RenderOptions(DATE, ReasoningEffort.MEDIUM, FIXED)));
    }

    @Test
    void gptOssInductionIdentityIsThePromptOnlyUnderQ10() {
        assertEquals(harmony(II, "low", II), render(ModelFamily.GPT_OSS, INDUCTION, REF));
        assertEquals(harmony("You are ChatGPT, a large language model trained by OpenAI.", "low", II),
                render(ModelFamily.GPT_OSS, INDUCTION, FIXED));
    }

    // §4.2 MedCalc insertion

    @Test
    void medcalcQwenFamilyInsertionDoublesThinkOnlyUnderQ1() {
        String qwq = render(ModelFamily.QWQ, MEDCALC, FIXED);
        assertEquals(qwq + "<think>" + COT + "</think>", medcalcInsert(ModelFamily.QWQ, REF));
        assertEquals(qwq + COT + "</think>", medcalcInsert(ModelFamily.QWQ, FIXED));
        assert medcalcInsert(ModelFamily.QWQ, REF).endsWith("assistant\n<think>\n<think>" + COT + "</think>");
        String nrr = render(ModelFamily.DEEPSEEK_R1_DISTILL, MEDCALC, FIXED);
        assertEquals(nrr + "<think>" + COT + "</think>", medcalcInsert(ModelFamily.DEEPSEEK_R1_DISTILL, REF));
        assertEquals(nrr + COT + "</think>", medcalcInsert(ModelFamily.DEEPSEEK_R1_DISTILL, FIXED));
        String dapo = render(ModelFamily.DAPO, MEDCALC, FIXED);
        assertEquals(dapo + "<think>" + COT + "</think>", medcalcInsert(ModelFamily.DAPO, REF));
        assertEquals(dapo + "<think>" + COT + "</think>", medcalcInsert(ModelFamily.DAPO, FIXED));
    }

    @Test
    void medcalcOpenThinkerInsertion() {
        String rendered = render(ModelFamily.OPENTHINKER, MEDCALC, FIXED);
        String expected = rendered + "<|begin_of_thought|>" + COT + "<|end_of_thought|><|begin_of_solution|>";
        assertEquals(expected, medcalcInsert(ModelFamily.OPENTHINKER, FIXED));
        assertEquals(expected, medcalcInsert(ModelFamily.OPENTHINKER, REF));
    }

    @Test
    void medcalcGptOssInsertionIsPlainTextOnlyUnderQ3() {
        String rendered = render(ModelFamily.GPT_OSS, MEDCALC, FIXED);
        assertEquals(rendered + "assistantanalysis" + COT + "assistantfinal", medcalcInsert(ModelFamily.GPT_OSS, REF));
        assertEquals(rendered + "<|channel|>analysis<|message|>" + COT
                + "<|end|><|start|>assistant<|channel|>final<|message|>", medcalcInsert(ModelFamily.GPT_OSS, FIXED));
    }

    @Test
    void emptyCotInQwqGivesTheReferencesThinkingText() {
        // The reference's QwQ Empty prompt ends <think>\n<think></think>; extraction then yields " <think>" (§5.1).
        String rendered = render(ModelFamily.QWQ, MEDCALC, REF);
        String text = rendered + profile(ModelFamily.QWQ).insertion(rendered, "", BenchmarkKind.MEDCALC, REF);
        assert text.endsWith("<|im_start|>assistant\n<think>\n<think></think>");
    }

    // §6.2 Instruction Induction insertion

    @Test
    void inductionQwenFamilyAddsThinkOnlyWhereThePromptHasNone() {
        assertEquals(render(ModelFamily.QWQ, INDUCTION, REF) + COT + "</think>", inductionInsert(ModelFamily.QWQ, REF));
        assertEquals(render(ModelFamily.QWQ, INDUCTION, FIXED) + COT + "</think>", inductionInsert(ModelFamily.QWQ, FIXED));
        assertEquals(render(ModelFamily.DAPO, INDUCTION, REF) + "<think>" + COT + "</think>",
                inductionInsert(ModelFamily.DAPO, REF));
        assertEquals(render(ModelFamily.DAPO, INDUCTION, FIXED) + "<think>" + COT + "</think>",
                inductionInsert(ModelFamily.DAPO, FIXED));
    }

    @Test
    void inductionOpenThinkerInsertion() {
        assertEquals(render(ModelFamily.OPENTHINKER, INDUCTION, REF) + "<|begin_of_thought|>" + COT
                + "<|end_of_thought|><|begin_of_solution|>", inductionInsert(ModelFamily.OPENTHINKER, REF));
    }

    @Test
    void inductionGptOssUsesRealHarmonyTokensWithTheHeaderTwiceInReferenceMode() {
        String rendered = render(ModelFamily.GPT_OSS, INDUCTION, REF);
        assertEquals(rendered + "<|start|>assistant<|channel|>analysis<|message|>" + COT
                + "<|end|><|start|>assistant<|channel|>final<|message|>", inductionInsert(ModelFamily.GPT_OSS, REF));
        assert inductionInsert(ModelFamily.GPT_OSS, REF).contains("<|start|>assistant<|start|>assistant<|channel|>");
        String fixed = render(ModelFamily.GPT_OSS, INDUCTION, FIXED);
        assertEquals(fixed + "<|channel|>analysis<|message|>" + COT
                + "<|end|><|start|>assistant<|channel|>final<|message|>", inductionInsert(ModelFamily.GPT_OSS, FIXED));
    }

    // docs/toy-zoo.md

    @Test
    void toyIsRawCompletionWithSpacedThinkTags() {
        TaskPrompt toy = TaskPrompt.userOnly("6+1+9=");
        String rendered = render(ModelFamily.TOY, toy, FIXED);
        assertEquals("6+1+9=", rendered);
        assertEquals("6+1+9=<think> 6+1=7 7+9=16 </think>", rendered
                + profile(ModelFamily.TOY).insertion(rendered, "6+1=7 7+9=16", BenchmarkKind.TOY, FIXED));
        // Empty: one space inside the block, as the zoo's own evaluation inserts it.
        assertEquals("6+1+9=<think> </think>", rendered
                + profile(ModelFamily.TOY).insertion(rendered, "", BenchmarkKind.TOY, FIXED));
        // A forced first step: the block stays open, with the space a model writes before its next step.
        assertEquals("6+1+9=<think> 6+1=10 ", rendered
                + profile(ModelFamily.TOY).openInsertion(rendered, "6+1=10", BenchmarkKind.TOY, FIXED));
        assertEquals("<think>", profile(ModelFamily.TOY).ensembleContextOpening(rendered, FIXED));
    }

    @Test
    void anOpenInsertionIsTheClosedOneWithoutItsClosingMarkers() {
        String qwq = render(ModelFamily.QWQ, MEDCALC, FIXED);
        assertEquals(COT, profile(ModelFamily.QWQ).openInsertion(qwq, COT, BenchmarkKind.MEDCALC, FIXED));
        String qwqRef = render(ModelFamily.QWQ, MEDCALC, REF);
        assertEquals("<think>" + COT, profile(ModelFamily.QWQ).openInsertion(qwqRef, COT, BenchmarkKind.MEDCALC, REF));
        String dapo = render(ModelFamily.DAPO, MEDCALC, FIXED);
        assertEquals("<think>" + COT, profile(ModelFamily.DAPO).openInsertion(dapo, COT, BenchmarkKind.MEDCALC, FIXED));
        assertEquals("<|begin_of_thought|>" + COT, profile(ModelFamily.OPENTHINKER).openInsertion(
                render(ModelFamily.OPENTHINKER, MEDCALC, FIXED), COT, BenchmarkKind.MEDCALC, FIXED));
        assertEquals("<|channel|>analysis<|message|>" + COT, profile(ModelFamily.GPT_OSS).openInsertion(
                render(ModelFamily.GPT_OSS, MEDCALC, FIXED), COT, BenchmarkKind.MEDCALC, FIXED));
        assertEquals("assistantanalysis" + COT, profile(ModelFamily.GPT_OSS).openInsertion(
                render(ModelFamily.GPT_OSS, MEDCALC, REF), COT, BenchmarkKind.MEDCALC, REF));
    }

    // §4.1 step 1 and §9 set-up

    @Test
    void ownCotOpeningMarkers() {
        assertEquals("<think>", profile(ModelFamily.DAPO).ownCotOpening(render(ModelFamily.DAPO, MEDCALC, FIXED)));
        assertEquals("<|begin_of_thought|>",
                profile(ModelFamily.OPENTHINKER).ownCotOpening(render(ModelFamily.OPENTHINKER, MEDCALC, FIXED)));
        assertEquals("", profile(ModelFamily.QWQ).ownCotOpening(render(ModelFamily.QWQ, MEDCALC, FIXED)));
        assertEquals("", profile(ModelFamily.DEEPSEEK_R1_DISTILL).ownCotOpening(""));
        assertEquals("", profile(ModelFamily.GPT_OSS).ownCotOpening(""));
        assertEquals("<think>", profile(ModelFamily.GENERIC).ownCotOpening("<|im_start|>assistant\n"));
        assertEquals("", profile(ModelFamily.GENERIC).ownCotOpening("<|im_start|>assistant\n<think>\n"));
    }

    @Test
    void ensembleContexts() {
        String qwq = render(ModelFamily.QWQ, MEDCALC, REF);
        assert (qwq + profile(ModelFamily.QWQ).ensembleContextOpening(qwq, REF)).endsWith("assistant\n<think>\n<think>");
        assertEquals("", profile(ModelFamily.QWQ).ensembleContextOpening(qwq, FIXED));
        assertEquals("", profile(ModelFamily.GPT_OSS).ensembleContextOpening("", REF));
        assertEquals("<|channel|>analysis<|message|>", profile(ModelFamily.GPT_OSS).ensembleContextOpening("", FIXED));
        assertEquals("<|begin_of_thought|>", profile(ModelFamily.OPENTHINKER).ensembleContextOpening("", FIXED));
    }

    // Q2

    @Test
    void oneBosUnlessDoubleBos() {
        String nrr = render(ModelFamily.DEEPSEEK_R1_DISTILL, MEDCALC, FIXED);
        Optional<String> bos = Optional.of("<｜begin▁of▁sentence｜>");
        assertEquals(false, ModelProfile.addSpecialTokens(nrr, bos, FIXED));
        assertEquals(true, ModelProfile.addSpecialTokens(nrr, bos, REF));
        assertEquals(true, ModelProfile.addSpecialTokens(render(ModelFamily.QWQ, MEDCALC, FIXED), Optional.empty(), FIXED));
    }
}
