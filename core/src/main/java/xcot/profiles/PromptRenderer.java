package xcot.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.llm.ChatMessage;
import xcot.llm.ChatTemplate;
import xcot.reference.Quirk;
import xcot.tasks.TaskPrompt;

/**
 * Renders a {@link TaskPrompt} the way each family's Hugging Face chat template does with
 * {@code add_generation_prompt=True} (docs/reference-pipeline.md §1). The texts are written out here rather than run
 * through a Jinja engine: llama.cpp's built-in renderer does not run Jinja, and these shapes are what the reference
 * produced. The generic family uses llama.cpp's renderer on the GGUF's own template.
 */
final class PromptRenderer {
    /** Injected by DAPO's template when there is no system message. */
    static final String DAPO_DEFAULT_SYSTEM = "You are a helpful assistant.";
    /** Injected by OpenThinker's (Qwen2.5-Instruct) template when there is no system message. */
    static final String OPENTHINKER_DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    /** The harmony template's default model identity. */
    static final String OSS_DEFAULT_IDENTITY = "You are ChatGPT, a large language model trained by OpenAI.";
    static final String DEEPSEEK_BOS = "<｜begin▁of▁sentence｜>";

    private PromptRenderer() {}

    static String render(ModelFamily family, Optional<String> chatTemplate, TaskPrompt prompt, RenderOptions options) {
        return switch (family) {
            case QWQ -> chatMl(prompt.system(), prompt.user()) + "<think>\n";
            case DAPO -> chatMl(prompt.system().or(() -> Optional.of(DAPO_DEFAULT_SYSTEM)), prompt.user());
            case OPENTHINKER -> chatMl(prompt.system().or(() -> Optional.of(OPENTHINKER_DEFAULT_SYSTEM)), prompt.user());
            case DEEPSEEK_R1_DISTILL -> DEEPSEEK_BOS + prompt.system().orElse("") + "<｜User｜>" + prompt.user()
                    + "<｜Assistant｜><think>\n";
            case GPT_OSS -> harmony(prompt, options);
            case GENERIC -> generic(chatTemplate, prompt);
            case TOY -> prompt.system().orElse("") + prompt.user();
        };
    }

    private static String chatMl(Optional<String> system, String user) {
        StringBuilder out = new StringBuilder();
        system.ifPresent(s -> out.append("<|im_start|>system\n").append(s).append("<|im_end|>\n"));
        out.append("<|im_start|>user\n").append(user).append("<|im_end|>\n<|im_start|>assistant\n");
        return out.toString();
    }

    /**
     * Only the user message goes through the harmony template; a system text becomes the model identity (MedCalc).
     * Without one (Instruction Induction) the template's default identity is used, or the user prompt itself under
     * {@code ref.ii-oss-identity-is-prompt} (Q10).
     */
    private static String harmony(TaskPrompt prompt, RenderOptions options) {
        String identity = prompt.system().orElse(options.flags().has(Quirk.II_OSS_IDENTITY_IS_PROMPT) ? prompt.user()
                : OSS_DEFAULT_IDENTITY);
        return "<|start|>system<|message|>" + identity + "\nKnowledge cutoff: 2024-06\nCurrent date: "
                + options.harmonyDate() + "\n\nReasoning: " + options.reasoningEffort().id()
                + "\n\n# Valid channels: analysis, commentary, final. Channel must be included for every message."
                + "<|end|><|start|>user<|message|>" + prompt.user() + "<|end|><|start|>assistant";
    }

    private static String generic(Optional<String> chatTemplate, TaskPrompt prompt) {
        String template = chatTemplate.orElseThrow(() -> new IllegalArgumentException(
                "the generic profile needs the GGUF's chat template (tokenizer.chat_template); this model has none"));
        List<ChatMessage> messages = new ArrayList<>();
        prompt.system().ifPresent(s -> messages.add(ChatMessage.system(s)));
        messages.add(ChatMessage.user(prompt.user()));
        return ChatTemplate.apply(template, messages, true);
    }
}
