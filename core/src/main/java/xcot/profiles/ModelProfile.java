package xcot.profiles;

import static xcot.profiles.ThinkingFormat.*;

import java.util.Objects;
import java.util.Optional;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.TaskPrompt;
import xcot.tasks.toy.ToyTask;

/**
 * Everything xcot needs to know about a model's prompt format, in one place: rendering, thinking markers, the
 * own-CoT opening marker, the insertion strings for a transferred CoT (MedCalc and Instruction Induction differ), the
 * ensemble's starting context, the BOS rule and the pinned sampling defaults. Made by {@link ProfileDetector} from
 * the GGUF's metadata or named in the run config.
 *
 * @param family       the prompt-format family
 * @param sampling     the Sampled condition's parameters (Q25)
 * @param chatTemplate the GGUF's chat template; needed only by the generic family
 */
public record ModelProfile(ModelFamily family, SamplingDefaults sampling, Optional<String> chatTemplate) {
    public ModelProfile {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(chatTemplate, "chatTemplate");
    }

    /** The family's profile with its pinned sampling defaults. */
    public static ModelProfile of(ModelFamily family, Optional<String> chatTemplate) {
        return new ModelProfile(family, family.sampling(), chatTemplate);
    }

    public ModelProfile withSampling(SamplingDefaults values) {
        return new ModelProfile(family, values, chatTemplate);
    }

    public boolean isGptOss() {
        return family == ModelFamily.GPT_OSS;
    }

    /** The chat-rendered prompt, ending where the assistant's turn begins (docs/reference-pipeline.md §1). */
    public String render(TaskPrompt prompt, RenderOptions options) {
        return PromptRenderer.render(family, chatTemplate, prompt, options);
    }

    /** The markers of this family for a benchmark protocol (§5.1, §6.3, §6.4). */
    public ThinkingFormat thinking(BenchmarkKind kind, Quirks flags) {
        return ThinkingFormat.of(family, kind, flags);
    }

    /**
     * The markers as a sentence-level ensemble's text shows them (§9): its chunks are decoded with special tokens
     * skipped, so gpt-oss's harmony headers appear as the plain words {@code assistantanalysis} /
     * {@code assistantfinal}; every other family's markers are text and appear as {@link #thinking} has them. The
     * close marker ends the ensemble and cuts its CoT.
     */
    public ThinkingFormat ensembleThinking(BenchmarkKind kind, Quirks flags) {
        return family == ModelFamily.GPT_OSS ? ThinkingFormat.ossPlaintext() : thinking(kind, flags);
    }

    /**
     * Appended to the rendered prompt before the model writes its own CoT (§4.1 step 1): DAPO {@code <think>},
     * OpenThinker {@code <|begin_of_thought|>}; nothing where the template or harmony already opens thinking. The
     * generic family opens {@code <think>} unless its template did.
     */
    public String ownCotOpening(String rendered) {
        return switch (family) {
            case DAPO -> THINK_OPEN;
            case OPENTHINKER -> THOUGHT_OPEN;
            case GENERIC -> endsWithIgnoringWhitespace(rendered, THINK_OPEN) ? "" : THINK_OPEN;
            case QWQ, DEEPSEEK_R1_DISTILL, GPT_OSS, TOY -> "";
        };
    }

    /**
     * The string appended to the rendered prompt to insert {@code cot} as this model's thinking (§4.2 for MedCalc,
     * §6.2 for Instruction Induction, {@link ToyTask#insertion} for the toy task): {@link #openInsertion} followed by
     * the marker that closes the thinking block. Instruction Induction's answer suffix is not part of it.
     */
    public String insertion(String rendered, String cot, BenchmarkKind kind, Quirks flags) {
        return openInsertion(rendered, cot, kind, flags) + insertionClose(kind, flags);
    }

    /**
     * The string appended to the rendered prompt to start this model's thinking with {@code cot} and leave it open,
     * so that the model writes the rest of the chain itself (the toy task's forced wrong first step): the opening of
     * {@link #insertion} without its closing marker.
     */
    public String openInsertion(String rendered, String cot, BenchmarkKind kind, Quirks flags) {
        boolean onlyWhenAbsent = kind.appendsThinkTagOnlyWhenAbsent();
        return switch (family) {
            case QWQ, DAPO, DEEPSEEK_R1_DISTILL, GENERIC -> thinkOpening(rendered, onlyWhenAbsent, flags) + cot;
            case OPENTHINKER -> THOUGHT_OPEN + cot;
            case GPT_OSS -> {
                if (kind.plaintextOssChannels(flags)) {
                    yield OSS_PLAIN_ANALYSIS + cot;
                }
                yield (kind.ossDoubleHeader(flags) ? OSS_ASSISTANT + OSS_ANALYSIS : OSS_ANALYSIS) + cot;
            }
            case TOY -> ToyTask.openInsertion(cot);
        };
    }

    /** What closes an inserted thinking block and opens the answer. */
    private String insertionClose(BenchmarkKind kind, Quirks flags) {
        return switch (family) {
            case QWQ, DAPO, DEEPSEEK_R1_DISTILL, GENERIC -> THINK_CLOSE;
            case OPENTHINKER -> THOUGHT_CLOSE + SOLUTION_OPEN;
            case GPT_OSS -> kind.plaintextOssChannels(flags) ? OSS_PLAIN_FINAL
                    : OSS_END + OSS_ASSISTANT + OSS_FINAL;
            case TOY -> ToyTask.THINK_CLOSE;
        };
    }

    /**
     * {@code <think>} before an inserted CoT. Reference MedCalc (Q1): always, so QwQ and NRR get it twice. Reference
     * Instruction Induction: unless the prompt contains one. Fixed: unless the prompt already ends with one.
     */
    private static String thinkOpening(String rendered, boolean onlyWhenAbsent, Quirks flags) {
        if (flags.has(Quirk.DOUBLE_THINK_TAG)) {
            return onlyWhenAbsent && rendered.contains(THINK_OPEN) ? "" : THINK_OPEN;
        }
        return endsWithIgnoringWhitespace(rendered, THINK_OPEN) ? "" : THINK_OPEN;
    }

    /**
     * Appended to the rendered prompt to start a sentence-level ensemble context (§9 set-up): the thinking opener
     * (doubled for QwQ/NRR under Q1), or for gpt-oss the analysis header (none under {@code ref.oss-bare-assistant},
     * Q17).
     */
    public String ensembleContextOpening(String rendered, Quirks flags) {
        return switch (family) {
            case QWQ, DAPO, DEEPSEEK_R1_DISTILL, GENERIC -> thinkOpening(rendered, false, flags);
            case OPENTHINKER -> THOUGHT_OPEN;
            case GPT_OSS -> flags.has(Quirk.OSS_BARE_ASSISTANT) ? "" : OSS_ANALYSIS;
            case TOY -> ToyTask.THINK_OPEN;
        };
    }

    /**
     * Whether tokenizing {@code rendered} should add the vocabulary's special tokens (BOS). A template that writes BOS
     * itself (DeepSeek) would get a second one (Q2); the fixed rule adds none then.
     *
     * @param bosText the BOS token's text, or empty when the vocabulary has none
     */
    public static boolean addSpecialTokens(String rendered, Optional<String> bosText, Quirks flags) {
        boolean templateWroteBos = bosText.isPresent() && !bosText.get().isEmpty() && rendered.startsWith(bosText.get());
        return !templateWroteBos || flags.has(Quirk.DOUBLE_BOS);
    }

    static boolean endsWithIgnoringWhitespace(String text, String suffix) {
        return text.stripTrailing().endsWith(suffix);
    }
}
