package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A model's vocabulary ({@code llama_vocab}): tokenization and detokenization. Owned by its {@link Model}; every call
 * checks that the model is still open. The retry-on-buffer-too-small conventions of {@code llama_tokenize},
 * {@code llama_token_to_piece} and {@code llama_detokenize} are handled here and never leak.
 */
public final class Vocab {
    private final Model model;
    private final MemorySegment pointer;
    private final int size;

    Vocab(Model model, MemorySegment pointer) {
        this.model = model;
        this.pointer = pointer;
        this.size = llama_vocab_n_tokens(pointer);
    }

    private MemorySegment pointer() {
        model.pointer(); // throws once the model is closed
        return pointer;
    }

    MemorySegment pointerForSampler() {
        return pointer();
    }

    /** Number of token ids: valid ids are {@code 0 .. size()-1}. */
    public int size() {
        return size;
    }

    /**
     * Tokenizes UTF-8 text.
     *
     * @param addSpecial add BOS/EOS if the model is configured to
     * @param parseSpecial match special/control tokens written as text (e.g. {@code <|im_start|>})
     */
    public int[] tokenize(String text, boolean addSpecial, boolean parseSpecial) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment textSegment = arena.allocate(utf8.length + 1L);
            MemorySegment.copy(utf8, 0, textSegment, ValueLayout.JAVA_BYTE, 0, utf8.length);
            int capacity = utf8.length + 8;
            MemorySegment out = arena.allocate(ValueLayout.JAVA_INT, capacity);
            int n = llama_tokenize(pointer(), textSegment, utf8.length, out, capacity, addSpecial, parseSpecial);
            if (n < 0) {
                if (n == Integer.MIN_VALUE) {
                    throw new LlamaException("tokenization of " + utf8.length + " bytes overflows int32");
                }
                capacity = -n;
                out = arena.allocate(ValueLayout.JAVA_INT, capacity);
                n = llama_tokenize(pointer(), textSegment, utf8.length, out, capacity, addSpecial, parseSpecial);
                if (n < 0) {
                    throw new LlamaException("llama_tokenize failed twice (" + n + ") on " + utf8.length + " bytes");
                }
            }
            return out.asSlice(0, (long) n * Integer.BYTES).toArray(ValueLayout.JAVA_INT);
        }
    }

    /** The bytes of one token's piece; may be a partial UTF-8 sequence (byte tokens). */
    public byte[] pieceBytes(int token, boolean renderSpecial) {
        checkToken(token);
        try (Arena arena = Arena.ofConfined()) {
            int capacity = 64;
            MemorySegment buf = arena.allocate(capacity);
            int n = llama_token_to_piece(pointer(), token, buf, capacity, 0, renderSpecial);
            if (n < 0) {
                capacity = -n;
                buf = arena.allocate(capacity);
                n = llama_token_to_piece(pointer(), token, buf, capacity, 0, renderSpecial);
            }
            return buf.asSlice(0, Math.max(n, 0)).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /**
     * Turns tokens back into text (invalid UTF-8 at a cut is replaced).
     *
     * @param removeSpecial drop BOS/EOS if the model adds them
     * @param renderSpecial write special tokens as their text
     */
    public String detokenize(int[] tokens, boolean removeSpecial, boolean renderSpecial) {
        for (int token : tokens) {
            checkToken(token);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocateFrom(ValueLayout.JAVA_INT, tokens);
            int capacity = tokens.length * 8 + 16;
            MemorySegment out = arena.allocate(capacity);
            int n = llama_detokenize(pointer(), in, tokens.length, out, capacity, removeSpecial, renderSpecial);
            if (n < 0) {
                capacity = -n;
                out = arena.allocate(capacity);
                n = llama_detokenize(pointer(), in, tokens.length, out, capacity, removeSpecial, renderSpecial);
                if (n < 0) {
                    throw new LlamaException("llama_detokenize failed twice (" + n + ") on " + tokens.length + " tokens");
                }
            }
            return new String(out.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        }
    }

    /** The token's text as stored in the vocabulary (not rendered). */
    public String text(int token) {
        checkToken(token);
        return Backend.cString(llama_vocab_get_text(pointer(), token));
    }

    public boolean isEndOfGeneration(int token) {
        checkToken(token);
        return llama_vocab_is_eog(pointer(), token);
    }

    public boolean isControl(int token) {
        checkToken(token);
        return llama_vocab_is_control(pointer(), token);
    }

    /** BOS id, or -1 if the vocabulary has none. */
    public int bos() {
        return llama_vocab_bos(pointer());
    }

    /** EOS id, or -1 if the vocabulary has none. */
    public int eos() {
        return llama_vocab_eos(pointer());
    }

    /** Separator id (BERT's {@code [SEP]}), or -1 if the vocabulary has none. */
    public int separator() {
        return llama_vocab_sep(pointer());
    }

    /** End-of-turn id, or -1 if the vocabulary has none. */
    public int eot() {
        return llama_vocab_eot(pointer());
    }

    public boolean addsBos() {
        return llama_vocab_get_add_bos(pointer());
    }

    /** Throws {@link BatchRejectedException} unless {@code 0 <= token < size()}. */
    public void checkToken(int token) {
        if (token < 0 || token >= size) {
            throw new BatchRejectedException("token id " + token + " outside the vocabulary [0, " + size + ")");
        }
    }
}
