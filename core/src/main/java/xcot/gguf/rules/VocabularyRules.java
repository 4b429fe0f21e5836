package xcot.gguf.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import xcot.gguf.GgufException;
import xcot.gguf.GgufFormatException;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufValue;
import xcot.gguf.GgufValueType;

/**
 * The vocabulary rules of {@code llama_vocab::impl::load} and of tokenization ({@code src/llama-vocab.cpp}): unique
 * token strings ({@code GGML_ASSERT(id_to_token.size() == token_to_id.size())}), a BOS/EOS/SEP token wherever the
 * tokenizer adds one ({@code GGML_ASSERT(special_bos_id != LLAMA_TOKEN_NULL)} at the first tokenization), every byte
 * token a SentencePiece vocabulary falls back to (a missing one is an uncaught {@code std::out_of_range} mid-run), and
 * what llama.cpp only warns about: special token ids outside the vocabulary, unknown token types, NaN scores.
 */
final class VocabularyRules {
    /** {@code tokenizer.ggml.model} values the pinned llama.cpp knows ({@code no_vocab}/{@code none}: no tokenizer). */
    static final Set<String> TOKENIZER_MODELS = Set.of("llama", "bert", "gpt2", "hybriddna", "whitespace", "t5",
            "rwkv", "plamo2", "gemma4", "no_vocab", "none");
    /** Token types {@code LLAMA_TOKEN_TYPE_UNDEFINED} (0) to {@code LLAMA_TOKEN_TYPE_BYTE} (6). */
    static final int MAX_TOKEN_TYPE = 6;
    static final int BYTE_TYPE = 6;
    /**
     * The special tokens generation depends on (start, end, end of turn or message, unknown): an id outside the
     * vocabulary makes llama.cpp fall back to a default silently, so the model starts or stops on the wrong token.
     * Padding, mask, separator and fill-in-the-middle ids out of range are only warned about by llama.cpp and never
     * used by xcot; converted models in the wild have such ids, so they are not refused.
     */
    static final List<String> SPECIAL_ID_KEYS = List.of(GgufKeys.BOS_ID, GgufKeys.EOS_ID,
            "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id", GgufKeys.UNKNOWN_ID);
    /** {@code LLAMA_TOKEN_NULL} written as a {@code uint32}. */
    static final long NO_TOKEN = 0xFFFF_FFFFL;
    static final String SEP_ID = "tokenizer.ggml.seperator_token_id";
    static final String ADD_SEP = "tokenizer.ggml.add_sep_token";

    private VocabularyRules() {}

    /** Checks the vocabulary; returns its size (the rows {@code token_embd} must have). */
    static int check(Fields f) throws GgufFormatException {
        String file = f.file();
        String model = f.string(GgufKeys.TOKENIZER_MODEL).orElseThrow(() ->
                LoadRules.refuse(file, "key '" + GgufKeys.TOKENIZER_MODEL + "' is missing"));
        if (!TOKENIZER_MODELS.contains(model)) {
            throw LoadRules.refuse(file, "key '" + GgufKeys.TOKENIZER_MODEL + "' is " + GgufException.quote(model)
                    + ", a tokenizer llama.cpp does not know");
        }
        if (model.equals("no_vocab") || model.equals("none")) {
            // llama.cpp loads such a model, then asserts an initialised tokenizer at the first tokenization.
            throw LoadRules.refuse(file, "key '" + GgufKeys.TOKENIZER_MODEL + "' is '" + model + "': the model has "
                    + "no tokenizer, and llama.cpp aborts when text is tokenized");
        }
        f.require(GgufKeys.TOKENS);
        if (!(f.metadata().find(GgufKeys.TOKENS).orElseThrow() instanceof GgufValue.StringArray(List<String> tokens))) {
            throw LoadRules.refuse(file, "key '" + GgufKeys.TOKENS + "' is not an array of strings");
        }
        int n = tokens.size();
        if (n == 0) {
            throw LoadRules.refuse(file, "key '" + GgufKeys.TOKENS + "' is empty");
        }
        checkTokenTexts(f, tokens);
        checkTokenTypes(f, n, model);
        checkScores(f, n);
        if (Set.of("gpt2", "hybriddna", "whitespace", "gemma4").contains(model)
                && !f.string(GgufKeys.TOKENIZER_PRE).orElse("").equals("kimi-k2")) {
            f.require(GgufKeys.MERGES);
            if (!(f.metadata().find(GgufKeys.MERGES).orElseThrow() instanceof GgufValue.StringArray)) {
                throw LoadRules.refuse(file, "key '" + GgufKeys.MERGES + "' is not an array of strings");
            }
        }
        for (String key : SPECIAL_ID_KEYS) {
            OptionalLong id = f.u32(key);
            // LLAMA_TOKEN_NULL (-1) as a uint32 means "none": llama.cpp's own saver writes it for absent tokens
            if (id.isPresent() && id.getAsLong() >= n && id.getAsLong() != NO_TOKEN) {
                throw LoadRules.refuse(file, "key '" + key + "' is " + id.getAsLong() + ", outside the " + n
                        + "-token vocabulary (llama.cpp would ignore it and use a default)");
            }
        }
        checkAddedTokens(f, model, n);
        if (model.equals("llama") || model.equals("t5")) {
            checkByteTokens(f, tokens);
        }
        return n;
    }

    /**
     * llama.cpp keys its text-to-id map by the C string (cut at a NUL) and names an empty token {@code [EMPTY_<id>]};
     * two tokens that end up with one text break its assertion that the map has an entry per token. Text that is not
     * UTF-8 breaks its code-point decoder, which throws.
     */
    private static void checkTokenTexts(Fields f, List<String> tokens) throws GgufFormatException {
        String file = f.file();
        OptionalLong malformed = f.metadata().malformedUtf8(GgufKeys.TOKENS);
        if (malformed.isPresent()) {
            throw LoadRules.refuse(file, "token " + malformed.getAsLong() + " of '" + GgufKeys.TOKENS
                    + "' is not valid UTF-8");
        }
        Map<String, Integer> idOf = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            String text = tokens.get(i);
            if (text.indexOf('\0') >= 0) {
                throw LoadRules.refuse(file, "token " + i + " " + GgufException.quote(text)
                        + " contains a NUL byte, where llama.cpp cuts it");
            }
            String key = text.isEmpty() ? "[EMPTY_" + i + "]" : text;
            Integer first = idOf.putIfAbsent(key, i);
            if (first != null) {
                throw LoadRules.refuse(file, "tokens " + first + " and " + i + " of '" + GgufKeys.TOKENS
                        + "' are both " + GgufException.quote(key) + " (llama.cpp asserts unique token strings)");
            }
        }
    }

    private static void checkTokenTypes(Fields f, int n, String model) throws GgufFormatException {
        Optional<GgufValue> v = f.metadata().find(GgufKeys.TOKEN_TYPE);
        if (v.isEmpty()) {
            return;
        }
        if (!(v.get() instanceof GgufValue.NumberArray a) || a.elementType() != GgufValueType.INT32) {
            throw LoadRules.refuse(f.file(), "key '" + GgufKeys.TOKEN_TYPE + "' is not an array of INT32");
        }
        if (a.size() < n) {
            throw LoadRules.refuse(f.file(), "key '" + GgufKeys.TOKEN_TYPE + "' has " + a.size() + " entries for "
                    + n + " tokens");
        }
        for (int i = 0; i < n; i++) {
            long type = a.longAt(i);
            if (type < 0 || type > MAX_TOKEN_TYPE) {
                throw LoadRules.refuse(f.file(), "token " + i + " has type " + type + " in '" + GgufKeys.TOKEN_TYPE
                        + "', not one of llama.cpp's token types 0.." + MAX_TOKEN_TYPE);
            }
            // A WordPiece vocabulary has no byte tokens: llama_vocab::impl::token_to_byte aborts for one.
            if (type == BYTE_TYPE && model.equals("bert")) {
                throw LoadRules.refuse(f.file(), "token " + i + " is a byte token (type " + BYTE_TYPE + ") in a "
                        + "WordPiece ('bert') vocabulary, which llama.cpp aborts on");
            }
        }
    }

    private static void checkScores(Fields f, int n) throws GgufFormatException {
        Optional<GgufValue> v = f.metadata().find(GgufKeys.SCORES);
        if (v.isEmpty()) {
            return;
        }
        if (!(v.get() instanceof GgufValue.NumberArray a)
                || (a.elementType() != GgufValueType.FLOAT32 && a.elementType() != GgufValueType.INT32)) {
            throw LoadRules.refuse(f.file(), "key '" + GgufKeys.SCORES + "' is not an array of FLOAT32 or INT32");
        }
        if (a.size() < n) {
            throw LoadRules.refuse(f.file(), "key '" + GgufKeys.SCORES + "' has " + a.size() + " entries for " + n
                    + " tokens");
        }
        if (a.elementType() == GgufValueType.FLOAT32) {
            for (int i = 0; i < n; i++) {
                double score = a.doubleAt(i);
                if (!Double.isFinite(score)) {
                    throw LoadRules.refuse(f.file(), "token " + i + " has score " + (float) score + " in '"
                            + GgufKeys.SCORES + "', not a finite number");
                }
            }
        }
    }

    /**
     * The tokenizer asserts a BOS token when it adds one (and EOS likewise; WordPiece always adds BOS and SEP). Which
     * it adds, and the default ids, depend on the tokenizer type; a BPE vocabulary's default depends on its
     * pre-tokenizer, so BOS is required there unless the file says not to add it.
     */
    private static void checkAddedTokens(Fields f, String model, int n) throws GgufFormatException {
        boolean wordPiece = model.equals("bert");
        boolean bpe = Set.of("gpt2", "hybriddna", "whitespace").contains(model);
        boolean addBosDefault = model.equals("llama") || wordPiece || bpe || model.equals("gemma4");
        boolean addBos = model.equals("gemma4") || wordPiece || f.bool(GgufKeys.ADD_BOS).orElse(addBosDefault);
        boolean addEos = f.bool(GgufKeys.ADD_EOS).orElse(model.equals("t5"));
        boolean addSep = wordPiece;
        OptionalInt bosDefault = switch (model) {
            case "llama", "plamo2" -> OptionalInt.of(1);
            case "bert" -> OptionalInt.of(101);
            case "gpt2", "hybriddna", "whitespace" -> OptionalInt.of(11);
            default -> OptionalInt.empty();
        };
        OptionalInt eosDefault = switch (model) {
            case "llama", "plamo2" -> OptionalInt.of(2);
            case "gpt2", "hybriddna", "whitespace" -> OptionalInt.of(11);
            case "t5" -> OptionalInt.of(1);
            default -> OptionalInt.empty();
        };
        OptionalInt sepDefault = wordPiece ? OptionalInt.of(102) : OptionalInt.empty();
        requireSpecial(f, addBos, GgufKeys.BOS_ID, bosDefault, n, "BOS");
        requireSpecial(f, addEos, GgufKeys.EOS_ID, eosDefault, n, "EOS");
        requireSpecial(f, addSep, SEP_ID, sepDefault, n, "SEP");
    }

    private static void requireSpecial(Fields f, boolean added, String key, OptionalInt defaultId, int n,
                                       String name) throws GgufFormatException {
        OptionalLong id = f.u32(key);
        if (!added || id.isPresent() && id.getAsLong() < n) {
            return;
        }
        // llama.cpp falls back to the type's default id for a missing or out-of-range one, and to none without it
        if (defaultId.isEmpty() || defaultId.getAsInt() >= n) {
            throw LoadRules.refuse(f.file(), "the tokenizer adds a " + name + " token but there is none: key '" + key
                    + "' is " + (id.isPresent() ? id.getAsLong() + ", outside the vocabulary," : "missing")
                    + (defaultId.isPresent() ? " and the default id " + defaultId.getAsInt() + " is outside the " + n
                    + "-token vocabulary" : "") + " (llama.cpp asserts it)");
        }
    }

    /**
     * A SentencePiece tokenizer spells a character that has no token as its UTF-8 bytes, each the token
     * {@code <0xXX>} (or, for ASCII, the character itself); llama.cpp looks them up with {@code std::map::at}, which
     * throws through the C API and aborts.
     */
    private static void checkByteTokens(Fields f, List<String> tokens) throws GgufFormatException {
        Set<String> texts = new HashSet<>(tokens);
        for (int b = 0; b < 256; b++) {
            String hex = String.format("<0x%02X>", b);
            if (!texts.contains(hex) && !(b > 0 && b < 0x80 && texts.contains(Character.toString(b)))) {
                throw LoadRules.refuse(f.file(), "the SentencePiece vocabulary has no byte token " + hex
                        + ", which llama.cpp needs for text outside the vocabulary");
            }
        }
    }
}
