package xcot.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import xcot.gguf.GgufException;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufMetadata;

/** Family detection from metadata only, with the reasons recorded. */
class ProfileDetectorTest {
    static final String CHATML = "{% for m in messages %}<|im_start|>{{ m.role }}\\n{{ m.content }}<|im_end|>\\n"
            + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    static final String QWQ_TEMPLATE = CHATML.replace("'<|im_start|>assistant\\n'", "'<|im_start|>assistant\\n<think>\\n'");

    static GgufFile gguf(String arch, String name, String template, String... tokens) {
        GgufMetadata.Builder b = GgufMetadata.builder().putString(GgufKeys.ARCHITECTURE, arch);
        if (name != null) {
            b.putString(GgufKeys.NAME, name);
        }
        if (template != null) {
            b.putString(GgufKeys.CHAT_TEMPLATE, template);
        }
        b.putStrings(GgufKeys.TOKENS, List.of(tokens));
        return new GgufFile(Path.of("m.gguf"), 3, b.build(), List.of(), 32, 0, 0);
    }

    static Detection detect(GgufFile f) throws GgufException {
        return ProfileDetector.detect(f);
    }

    @Test
    void gptOssByArchitecture() throws GgufException {
        Detection d = detect(gguf("gpt-oss", "Gpt Oss 20b", "x", "<|channel|>", "<|start|>"));
        assertEquals(ModelFamily.GPT_OSS, d.family());
        assertEquals(List.of("general.architecture is 'gpt-oss'"), d.reasons());
    }

    @Test
    void openThinkerByToken() throws GgufException {
        Detection d = detect(gguf("qwen2", "OpenThinker 7B", CHATML, "<|im_start|>", "<|begin_of_thought|>"));
        assertEquals(ModelFamily.OPENTHINKER, d.family());
        assertEquals(List.of("<|begin_of_thought|>", "<|im_start|>"), d.specialTokens());
    }

    @Test
    void deepSeekDistillByChatTokens() throws GgufException {
        Detection d = detect(gguf("qwen2", "Nemotron Research Reasoning Qwen 1.5B", "{{bos_token}}<｜User｜>",
                "<｜Assistant｜>", "<think>", "</think>"));
        assertEquals(ModelFamily.DEEPSEEK_R1_DISTILL, d.family());
    }

    @Test
    void qwqByNameOrByItsGenerationPrompt() throws GgufException {
        assertEquals(ModelFamily.QWQ, detect(gguf("qwen2", "QwQ 32B", CHATML, "<think>")).family());
        Detection byTemplate = detect(gguf("qwen2", "some finetune", QWQ_TEMPLATE, "<think>"));
        assertEquals(ModelFamily.QWQ, byTemplate.family());
        assertTrue(byTemplate.reasons().get(0).contains("opens <think>"));
    }

    @Test
    void dapoByName() throws GgufException {
        assertEquals(ModelFamily.DAPO, detect(gguf("qwen2", "DAPO Qwen 32B", CHATML, "<|im_start|>")).family());
    }

    @Test
    void toyWhenThereIsNoTemplateButThinkTokens() throws GgufException {
        assertEquals(ModelFamily.TOY, detect(gguf("llama", "xcot toy plain-a", null, "<s>", "<think>", "</think>")).family());
    }

    @Test
    void genericForAnyOtherTemplatedModel() throws GgufException {
        Detection d = detect(gguf("qwen3", "xcot random qwen3 2x64 seed 1", CHATML, "<|im_start|>", "<think>"));
        assertEquals(ModelFamily.GENERIC, d.family());
        assertTrue(d.reasons().get(0).endsWith("(ChatML)"), d.reasons().toString());
    }

    @Test
    void undetectableModelAsksForAProfile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> detect(gguf("llama", "plain", null, "<s>")));
        assertTrue(e.getMessage().contains("set 'profile' in the run config"), e.getMessage());
    }
}
