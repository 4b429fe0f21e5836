package xcot.profiles;

import java.util.Arrays;
import java.util.Optional;

/**
 * The prompt-format families xcot knows (docs/reference-pipeline.md §1): how a chat is rendered and how thinking is
 * marked. The per-family texts live in {@link PromptRenderer} and {@link ThinkingFormat}; this enum names the families,
 * their config ids and the facts that hold for a whole family.
 */
public enum ModelFamily {
    /** QwQ-32B: ChatML whose generation prompt already opens {@code <think>\n}. */
    QWQ("qwq", "Qwen/QwQ-32B style: ChatML, the template opens <think>",
            new SamplingDefaults(1.0f, 40, 0.95f, "Qwen/QwQ-32B generation_config.json (top_k 40, top_p 0.95)")),
    /** DAPO-Qwen-32B: ChatML; the reference code appends {@code <think>}; default system "You are a helpful assistant." */
    DAPO("dapo", "BytedTsinghua-SIA/DAPO-Qwen-32B style: ChatML, the code appends <think>",
            SamplingDefaults.huggingFaceDefaults("Hugging Face defaults (DAPO-Qwen-32B sets no top_k/top_p)")),
    /** DeepSeek-R1 distills (NRR): {@code <｜User｜>…<｜Assistant｜><think>\n}, BOS written by the template. */
    DEEPSEEK_R1_DISTILL("deepseek-r1-distill", "DeepSeek-R1-Distill style (NRR): <｜User｜>/<｜Assistant｜>, template opens <think>",
            new SamplingDefaults(1.0f, 50, 0.95f, "DeepSeek-R1-Distill generation_config.json (top_p 0.95; top_k default 50)")),
    /** OpenThinker: ChatML with {@code <|begin_of_thought|>}…{@code <|end_of_thought|><|begin_of_solution|>}. */
    OPENTHINKER("openthinker", "open-thoughts/OpenThinker style: ChatML, <|begin_of_thought|> ... <|end_of_thought|>",
            new SamplingDefaults(1.0f, 20, 0.8f, "OpenThinker-7B generation_config.json (Qwen2.5-Instruct: top_k 20, top_p 0.8)")),
    /** gpt-oss: the harmony format, analysis and final channels, reasoning effort, model identity. */
    GPT_OSS("gpt-oss", "openai/gpt-oss harmony: analysis/final channels",
            SamplingDefaults.huggingFaceDefaults("Hugging Face defaults (gpt-oss sets no top_k/top_p)")),
    /** Any other chat model: the GGUF's own chat template (llama.cpp's renderer), {@code <think>} markers. */
    GENERIC("generic", "the GGUF's own chat template, <think> ... </think>",
            SamplingDefaults.huggingFaceDefaults("Hugging Face defaults")),
    /** The toy zoo's raw-completion models: prompt {@code a+b+c=}, {@code <think> … </think>} then the answer. */
    TOY("toy", "raw completion (no chat template), <think> ... </think> then the answer",
            SamplingDefaults.huggingFaceDefaults("Hugging Face defaults"));

    private final String id;
    private final String description;
    private final SamplingDefaults sampling;

    ModelFamily(String id, String description, SamplingDefaults sampling) {
        this.id = id;
        this.description = description;
        this.sampling = sampling;
    }

    /** The name used in run configs and reports. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The pinned sampling defaults (Q25); a run config may override them per model. */
    public SamplingDefaults sampling() {
        return sampling;
    }

    /** The families the reference calls "Qwen family" (HF id contains {@code qwen}): {@code <think>} markers. */
    public boolean usesThinkTags() {
        return this != OPENTHINKER && this != GPT_OSS;
    }

    /**
     * The family of a model named by its Hugging Face id alone, decided as the reference's scripts decide which
     * markers to read: {@code gpt-oss} and {@code openthinker} in the lowercased id name their families, and any id
     * containing {@code qwen} reads {@code <think>} markers (QwQ, DAPO, the Qwen-based DeepSeek-R1 distills, others
     * as generic). Empty for any other id: the reference then reads the whole output.
     */
    public static Optional<ModelFamily> ofReferenceName(String huggingFaceId) {
        String name = huggingFaceId.toLowerCase(java.util.Locale.ROOT);
        if (name.contains("gpt-oss")) {
            return Optional.of(GPT_OSS);
        }
        if (name.contains("openthinker")) {
            return Optional.of(OPENTHINKER);
        }
        if (!name.contains("qwen")) {
            return Optional.empty();
        }
        if (name.contains("qwq")) {
            return Optional.of(QWQ);
        }
        if (name.contains("dapo")) {
            return Optional.of(DAPO);
        }
        if (name.contains("deepseek-r1-distill") || name.contains("nemotron-research-reasoning")) {
            return Optional.of(DEEPSEEK_R1_DISTILL);
        }
        return Optional.of(GENERIC);
    }

    public static Optional<ModelFamily> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static String knownIds() {
        return String.join(", ", Arrays.stream(values()).map(ModelFamily::id).toList());
    }
}
