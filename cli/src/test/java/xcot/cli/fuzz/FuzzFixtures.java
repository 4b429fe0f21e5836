package xcot.cli.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import xcot.fixtures.Architecture;
import xcot.fixtures.ModelShape;
import xcot.fixtures.Qwen3Tokenizer;
import xcot.fixtures.SpecialTokens;
import xcot.fixtures.TinyModels;
import xcot.fixtures.TokenType;
import xcot.fixtures.TokenizerSpec;
import xcot.gguf.GgmlType;
import xcot.gguf.rules.BrokenModels;

/**
 * The two seeded GGUFs the fuzz corpus mutates, one per vocabulary kind and architecture xcot writes, both tiny (about
 * 40 KB, so a kept crashing input stays small and a load takes milliseconds):
 * <ul>
 *   <li>{@code llama}: {@link BrokenModels#valid}, the toy zoo's 305-token SentencePiece vocabulary, one layer of
 *       32, F16;</li>
 *   <li>{@code qwen3}: the real Qwen3 byte-level BPE tokenizer cut to its first 512 tokens (and the merges among
 *       them) plus its special tokens, one layer of 32 with q/k norms and GQA (2 heads, 1 KV head), token_embd
 *       Q8_0.</li>
 * </ul>
 */
final class FuzzFixtures {
    static final long SEED = 12;
    static final int QWEN3_BASE_TOKENS = 512;

    private FuzzFixtures() {}

    static Path llama(Path dir) throws IOException {
        return BrokenModels.valid(dir);
    }

    static Path qwen3(Path dir) throws IOException {
        TokenizerSpec vocabulary = truncatedQwen3(QWEN3_BASE_TOKENS);
        ModelShape shape = new ModelShape(Architecture.QWEN3, 1, 32, 2, 1, 16, 64, vocabulary.size(), 256, 1e6f,
                1e-6f, GgmlType.Q8_0, GgmlType.F16, true);
        Path file = dir.resolve("fuzz-qwen3.gguf");
        TinyModels.write(shape, SEED, vocabulary, file);
        return file;
    }

    /**
     * The first {@code n} tokens of the Qwen3 tokenizer (the 256 byte symbols and the earliest merges), the merges
     * whose parts and result are all among them, then the chat and thinking tokens with their types.
     */
    static TokenizerSpec truncatedQwen3(int n) throws IOException {
        TokenizerSpec full = Qwen3Tokenizer.load();
        List<String> tokens = new ArrayList<>(full.tokens().subList(0, n));
        List<TokenType> types = new ArrayList<>(full.tokenTypes().subList(0, n));
        Map<String, Integer> newId = new HashMap<>();
        for (String special : List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>")) {
            int id = full.idOf(special).orElseThrow();
            newId.put(special, tokens.size());
            tokens.add(special);
            types.add(full.tokenTypes().get(id));
        }
        Set<String> kept = new HashSet<>(tokens);
        List<String> merges = full.merges().stream().filter(m -> {
            int space = m.indexOf(' ');
            String a = m.substring(0, space);
            String b = m.substring(space + 1);
            return kept.contains(a) && kept.contains(b) && kept.contains(a + b);
        }).toList();
        SpecialTokens special = SpecialTokens.none().withBos(newId.get("<|endoftext|>"))
                .withEos(newId.get("<|im_end|>")).withPadding(newId.get("<|endoftext|>"));
        return new TokenizerSpec(full.model(), full.pre(), tokens, types, List.of(), merges, special, false, false,
                Optional.empty(), full.chatTemplate());
    }
}
