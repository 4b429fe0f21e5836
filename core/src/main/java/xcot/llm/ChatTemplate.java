package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import xcot.bindings.llama_chat_message;

/**
 * llama.cpp's built-in chat-template renderer ({@code llama_chat_apply_template}). It recognises known templates by
 * pattern (ChatML, Llama 3, DeepSeek, ...) and does not run Jinja, so model families whose exact prompt matters are
 * rendered by xcot's own profiles; this renderer serves the generic profile.
 */
public final class ChatTemplate {
    private ChatTemplate() {}

    /**
     * Renders {@code messages} with {@code template} (a template's source or a built-in name such as
     * {@code chatml}).
     *
     * @param addAssistant end with the tokens that open an assistant turn
     * @throws LlamaException if llama.cpp does not recognise the template
     */
    public static String apply(String template, List<ChatMessage> messages, boolean addAssistant) {
        Backend.ensureInitialized();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment chat = llama_chat_message.allocateArray(messages.size(), arena);
            long textBytes = 0;
            for (int i = 0; i < messages.size(); i++) {
                MemorySegment message = llama_chat_message.asSlice(chat, i);
                llama_chat_message.role(message, arena.allocateFrom(messages.get(i).role()));
                llama_chat_message.content(message, arena.allocateFrom(messages.get(i).content()));
                textBytes += messages.get(i).content().getBytes(StandardCharsets.UTF_8).length;
            }
            MemorySegment tmpl = arena.allocateFrom(template);
            int capacity = (int) Math.min(Integer.MAX_VALUE, 2 * textBytes + 512);
            MemorySegment buf = arena.allocate(capacity);
            int n = llama_chat_apply_template(tmpl, chat, messages.size(), addAssistant, buf, capacity);
            if (n < 0) {
                throw new LlamaException("chat template not supported by llama.cpp's built-in renderer");
            }
            if (n > capacity) {
                buf = arena.allocate(n);
                n = llama_chat_apply_template(tmpl, chat, messages.size(), addAssistant, buf, n);
            }
            return new String(buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        }
    }
}
