package xcot.methods.removal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import xcot.methods.EnsembleCot;
import xcot.methods.EnsembleTrace;
import xcot.methods.GenerationRequest;
import xcot.methods.PromptInput;
import xcot.methods.SamplingSpec;
import xcot.methods.ScriptedGenerator;
import xcot.methods.StopReason;
import xcot.profiles.ModelFamily;
import xcot.profiles.ModelProfile;
import xcot.profiles.ReasoningEffort;
import xcot.profiles.RenderOptions;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.TaskPrompt;

class AnswerRemovalTest {
    /** docs/reference-pipeline.md §8's body, transcribed line by line with its trailing spaces. */
    static final String[] BODY_LINES = {
        "Task: Keep only the hints from the text and remove answer sentences.",
        "",
        "Definition: ",
        "- A \"hint/explanation sentence\" provides guidance that helps someone think about the problem without giving the final solution.  ",
        "- An \"answer sentence\" directly states the final answer, solution, result, or conclusion.",
        "",
        "Instructions:  ",
        "1. Keep every hint/explanation sentence exactly as written.  ",
        "2. Remove all answer sentences and statements.",
        "3. Preserve the original wording, order, and formatting of the remaining text.",
        "4. Do not add, rephrase, or generate any new text beyond what is already in the original.",
        "5. Output only the hints.",
        "",
        "Original text:",
    };

    @Test
    void medcalcFilterMessageIsTheSpecsTextBetweenNewlines() {
        String expected = "\n" + String.join("\n", BODY_LINES) + "\nCOT TEXT\nline two\n";
        assertEquals(expected, FilterPrompt.message(BenchmarkKind.MEDCALC, "COT TEXT\nline two"));
    }

    @Test
    void inductionFilterMessageIndentsEveryTemplateLineByEightSpaces() {
        StringBuilder expected = new StringBuilder("\n");
        for (String line : BODY_LINES) {
            expected.append("        ").append(line).append('\n');
        }
        expected.append("        COT TEXT\nline two\n        ");
        assertEquals(expected.toString(), FilterPrompt.message(BenchmarkKind.INDUCTION, "COT TEXT\nline two"));
    }

    @Test
    void extractorTakesTheThinkSpanOrTheWholeText() {
        assertEquals("inner", FilterPrompt.extract(BenchmarkKind.MEDCALC, "x <THINK> inner </think> y"));
        assertEquals("tail", FilterPrompt.extract(BenchmarkKind.MEDCALC, "<think> tail"));
        assertEquals(" whole ", FilterPrompt.extract(BenchmarkKind.MEDCALC, " whole "));
        assertEquals("a  b", FilterPrompt.extract(BenchmarkKind.INDUCTION, "<think>a assistantanalysis b</think>"));
    }

    @Test
    void rulesDropTheFinalStepOfToyChains() {
        RuleBasedAnswerRemover rules = new RuleBasedAnswerRemover();
        assertEquals("6+1=7", rules.remove("6+1=7 7+9=16", BenchmarkKind.TOY));
        assertEquals("1+6=7", rules.remove("1+6=7 9+7=16", BenchmarkKind.TOY));
        assertEquals("6 plus 1 is 7", rules.remove("6 plus 1 is 7 , 7 plus 9 is 16", BenchmarkKind.TOY));
    }

    @Test
    void rulesDropConclusionSentencesAndKeepHints() {
        String cot = "The HAS-BLED score adds one point per criterion. Hypertension counts. Age over 65 counts. "
                + "So the score is 3. Therefore the answer is 3.";
        assertEquals("The HAS-BLED score adds one point per criterion. Hypertension counts. Age over 65 counts.",
                new RuleBasedAnswerRemover().remove(cot, BenchmarkKind.MEDCALC));
        assertEquals("", new RuleBasedAnswerRemover().remove("", BenchmarkKind.MEDCALC));
        assertEquals("No numbers here, just hints.", new RuleBasedAnswerRemover()
                .remove("No numbers here, just hints. Final: done", BenchmarkKind.MEDCALC));
    }

    @Test
    void localModelGetsTheFilterPromptAndItsReplyAfterThinkingIsExtracted() {
        ModelProfile qwq = ModelProfile.of(ModelFamily.QWQ, Optional.empty());
        RenderOptions render = new RenderOptions(LocalDate.of(2026, 1, 1), ReasoningEffort.LOW, Quirks.fixed());
        ScriptedGenerator filter = new ScriptedGenerator()
                .then("The last sentence states the score.</think>\n\nHint one.  \nHint two.", StopReason.END_OF_GENERATION);
        LocalModelAnswerRemover remover = new LocalModelAnswerRemover(filter, qwq, render, 64, "sha");
        assertEquals("Hint one.  \nHint two.", remover.remove("<think> Hint one. Hint two. So 3. </think> 3",
                BenchmarkKind.MEDCALC));
        GenerationRequest request = filter.requests.getFirst();
        assertEquals(new PromptInput.Text(qwq.render(TaskPrompt.userOnly(FilterPrompt.message(BenchmarkKind.MEDCALC,
                "Hint one. Hint two. So 3.")), render)), request.prompt());
        assertEquals(SamplingSpec.greedy(), request.sampling());
    }

    @Test
    void localModelThatNeverStopsThinkingGaveNoReply() {
        ModelProfile qwq = ModelProfile.of(ModelFamily.QWQ, Optional.empty());
        RenderOptions render = new RenderOptions(LocalDate.of(2026, 1, 1), ReasoningEffort.LOW, Quirks.fixed());
        ScriptedGenerator filter = new ScriptedGenerator().then("Let me read the text. Hint one is", StopReason.TOKEN_LIMIT);
        LocalModelAnswerRemover remover = new LocalModelAnswerRemover(filter, qwq, render, 8, "sha");
        AnswerRemovalException e = assertThrows(AnswerRemovalException.class,
                () -> remover.remove("Hint one. So 3.", BenchmarkKind.MEDCALC));
        assertTrue(e.getMessage().contains("max-tokens"), e.getMessage());
    }

    @Test
    void ensembleCotSelectionFollowsQ15AndQ16() {
        EnsembleCot closed = new EnsembleCot("prompt<think>\n<think> A. B.</think> x", " A. B.</think>", true,
                Map.of(), EnsembleTrace.none(), "<think>", "</think>");
        assertEquals("\n<think> A. B.", closed.cotToInsert(true, true).orElseThrow());
        assertEquals("A. B.", closed.cotToInsert(false, false).orElseThrow());
        EnsembleCot open = new EnsembleCot("prompt<think>\n<think> A. B.", " A. B.", false, Map.of(), EnsembleTrace.none(),
                "<think>", "</think>");
        assertTrue(open.cotToInsert(true, true).isEmpty());
        assertEquals("A. B.", open.cotToInsert(false, false).orElseThrow());
        EnsembleCot pastTheEnd = new EnsembleCot("p<think> 6+1=7 7+9=16 </think> 16", " 6+1=7 7+9=16 </think> 16",
                true, Map.of(), EnsembleTrace.none(), "<think>", "</think>");
        assertEquals("6+1=7 7+9=16", pastTheEnd.cotToInsert(false, false).orElseThrow(),
                "what the last chunk wrote after </think> is the generator's answer, not CoT");
    }
}
