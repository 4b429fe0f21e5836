package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batched engine on the seeded tiny fixture: admission, budgets, stop reasons, samplers, prefixes, bad input. */
class BatchedGeneratorTest {
    private static Model model;
    private static List<int[]> prompts;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
        prompts = BatchDeterminismTest.prompts(model.vocab(), 10);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Separate KV buffers with flash attention: batching changes no bit (see {@link BatchDeterminismTest}). */
    private static Context separate(int sequences) {
        return model.newContext(ContextOptions.of(sequences * 256).withThreads(2).withSequences(sequences, false)
                .withFlashAttention(true));
    }

    private static Context unified(int contextTokens, int sequences) {
        return model.newContext(ContextOptions.of(contextTokens).withThreads(2).withSequences(sequences, true)
                .withFlashAttention(true));
    }

    private static List<SamplerStep> sampled(long seed) {
        return List.of(new SamplerStep.TopK(50), new SamplerStep.TopP(0.95f, 1), new SamplerStep.Temperature(0.8f),
                new SamplerStep.Distribution(seed));
    }

    @Test
    void oneSequenceEqualsGenerator() {
        int[] prompt = prompts.getFirst();
        try (Context context = separate(1)) {
            Generation single;
            try (Sampler greedy = Sampler.greedy()) {
                single = new Generator(context, 0).generate(prompt, 20, greedy, null, true);
            }
            try (BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(1))) {
                Generation batched = g.generateAll(List.of(SequenceRequest.greedy(prompt, 20))).getFirst();
                assertArrayEquals(single.tokens(), batched.tokens());
                assertEquals(single.text(), batched.text());
                assertEquals(single.stopReason(), batched.stopReason());
                assertEquals(prompt.length, batched.promptTokens());
            }
        }
    }

    @Test
    void continuousBatchingAdmitsQueuedRequestsAsSlotsFree() {
        List<SequenceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(SequenceRequest.greedy(prompts.get(i), 3 + 2 * i).ignoringEndOfGeneration()
                    .withSampling(i % 2 == 0 ? List.of(new SamplerStep.Greedy()) : sampled(100 + i)));
        }
        try (Context context = separate(4)) {
            List<Generation> batched;
            BatchStats stats;
            try (BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(4))) {
                batched = g.generateAll(requests);
                stats = g.stats();
            }
            assertEquals(10, stats.sequences());
            assertEquals(4, stats.maxInFlight());
            long generated = 0;
            for (int i = 0; i < 10; i++) {
                Generation r = batched.get(i);
                assertEquals(Generation.StopReason.TOKEN_LIMIT, r.stopReason(), "request " + i);
                assertEquals(3 + 2 * i, r.tokens().length, "request " + i);
                generated += r.tokens().length;
            }
            assertEquals(generated, stats.tokensGenerated());
            // Fewer steps than one at a time: the budgets sum to 120 tokens, the longest is 21.
            assertTrue(stats.steps() < 60, stats.toString());
            try (BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(1))) {
                List<Generation> alone = g.generateAll(requests);
                for (int i = 0; i < 10; i++) {
                    assertArrayEquals(alone.get(i).tokens(), batched.get(i).tokens(), "request " + i);
                    assertEquals(alone.get(i).text(), batched.get(i).text(), "request " + i);
                }
            }
        }
    }

    @Test
    void samplersAreSeededPerRequest() {
        int[] prompt = prompts.get(3);
        List<SequenceRequest> requests = List.of(
                SequenceRequest.greedy(prompt, 24).withSampling(sampled(42)).ignoringEndOfGeneration(),
                SequenceRequest.greedy(prompt, 24).withSampling(sampled(43)).ignoringEndOfGeneration(),
                SequenceRequest.greedy(prompt, 24).withSampling(sampled(42)).ignoringEndOfGeneration());
        try (Context context = separate(3); BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(3))) {
            List<Generation> out = g.generateAll(requests);
            assertArrayEquals(out.get(0).tokens(), out.get(2).tokens());
            assertFalse(Arrays.equals(out.get(0).tokens(), out.get(1).tokens()), "seeds 42 and 43 gave the same 24 tokens");
            assertArrayEquals(out.get(1).tokens(), g.generateAll(List.of(requests.get(1))).getFirst().tokens());
        }
    }

    @Test
    void budgetWindowAndStopConditionEndGenerations() {
        int[] prompt = prompts.get(1);
        try (Context context = separate(2); BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(2))) {
            int window = g.window();
            int[] nearlyFull = new int[window - 5];
            Arrays.fill(nearlyFull, prompt[3]);
            Generation free = g.generateAll(List.of(SequenceRequest.greedy(prompt, 16).ignoringEndOfGeneration()))
                    .getFirst();
            String stop = free.text().substring(free.text().length() / 2, free.text().length() / 2 + 1);
            List<Generation> out = g.generateAll(List.of(
                    SequenceRequest.greedy(prompt, 0),
                    SequenceRequest.greedy(nearlyFull, 50).ignoringEndOfGeneration(),
                    SequenceRequest.greedy(prompt, 16).ignoringEndOfGeneration()
                            .withStop(StopCondition.onAnyOf(List.of(stop)))));
            assertEquals(Generation.StopReason.TOKEN_LIMIT, out.get(0).stopReason());
            assertEquals(0, out.get(0).tokens().length);
            assertEquals(Generation.StopReason.CONTEXT_FULL, out.get(1).stopReason());
            assertEquals(5, out.get(1).tokens().length);
            assertEquals(Generation.StopReason.STOP_SEQUENCE, out.get(2).stopReason());
            assertTrue(out.get(2).text().contains(stop));
            assertTrue(free.text().startsWith(out.get(2).text()), "stopped early on the same greedy text");
        }
    }

    @Test
    void endOfGenerationEndsAGrammarConstrainedRequest() {
        int[] prompt = model.vocab().tokenize("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", false, true);
        List<SamplerStep> grammar = List.of(new SamplerStep.Grammar("root ::= \"yes\" | \"no\"", "root"),
                new SamplerStep.Greedy());
        try (Context context = separate(2); BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(2))) {
            List<Generation> out = g.generateAll(List.of(SequenceRequest.greedy(prompt, 20).withSampling(grammar),
                    SequenceRequest.greedy(prompt, 5).ignoringEndOfGeneration()));
            assertTrue(out.get(0).text().equals("yes") || out.get(0).text().equals("no"), out.get(0).text());
            assertEquals(Generation.StopReason.END_OF_GENERATION, out.get(0).stopReason());
            assertEquals(5, out.get(1).tokens().length);
        }
    }

    /** Six greedy requests whose prompts share a question of about 220 tokens and differ in their last line. */
    private static List<SequenceRequest> sixChainsOfOneQuestion() {
        String question = "<|im_start|>user\n" + "Patient note: a 54-year-old with a heart rate of 88. ".repeat(12);
        List<SequenceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int[] p = model.vocab().tokenize(question + "Chain " + i + " says the answer is " + i
                    + ".<|im_end|>\n<|im_start|>assistant\n", false, true);
            requests.add(SequenceRequest.greedy(p, 6).ignoringEndOfGeneration());
        }
        return requests;
    }

    @Test
    void sharedPrefixIsCopiedNotDecodedAgain() {
        List<SequenceRequest> requests = sixChainsOfOneQuestion();
        int prefix = commonPrefix(requests);
        assertTrue(prefix > 100, "prefix " + prefix);
        try (Context context = unified(2048, 4); BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(4))) {
            List<Generation> shared = g.generateAll(requests);
            BatchStats stats = g.stats();
            assertEquals(0, shared.getFirst().cachedPromptTokens());
            for (int i = 1; i < 6; i++) {
                assertEquals(prefix, shared.get(i).cachedPromptTokens(), "request " + i);
                assertEquals(6, shared.get(i).tokens().length);
            }
            assertEquals(5L * prefix, stats.promptTokensReused());
            int total = requests.stream().mapToInt(SequenceRequest::promptTokens).sum();
            assertEquals(total - 5L * prefix, stats.promptTokensDecoded());
            List<Generation> again = g.generateAll(requests);
            for (int i = 0; i < 6; i++) {
                assertArrayEquals(shared.get(i).tokens(), again.get(i).tokens(), "the same schedule, request " + i);
            }
        }
    }

    @Test
    void withABufferPerSequenceASharedPrefixIsCopiedWholeAndTrimmed() {
        List<SequenceRequest> requests = sixChainsOfOneQuestion();
        int prefix = commonPrefix(requests);
        List<Generation> alone = new ArrayList<>();
        for (SequenceRequest r : requests) {
            try (Context context = separate(1); BatchedGenerator g = new BatchedGenerator(context,
                    BatchOptions.of(1).withSharePrefixes(false))) {
                alone.add(g.generateAll(List.of(r)).getFirst());
            }
        }
        try (Context context = model.newContext(ContextOptions.of(4 * 512).withThreads(2).withSequences(4, false)
                .withFlashAttention(true)); BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(4))) {
            List<Generation> shared = g.generateAll(requests);
            // The first request prefills the question; the other five copy its buffer (llama.cpp copies only whole
            // buffers between sequences without kv_unified) and keep the common prefix.
            assertEquals(5L * prefix, g.stats().promptTokensReused());
            for (int i = 0; i < 6; i++) {
                assertArrayEquals(alone.get(i).tokens(), shared.get(i).tokens(), "request " + i + " as if alone");
            }
        }
    }

    @Test
    void aContinuationReusesItsOwnSlotsCells() {
        int[] prompt = prompts.get(2);
        try (Context context = separate(2); BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(2))) {
            Generation pass1 = g.generateAll(List.of(SequenceRequest.greedy(prompt, 10).ignoringEndOfGeneration()))
                    .getFirst();
            int[] suffix = model.vocab().tokenize("\n</think>\n\n", false, true);
            int[] pass2Prompt = concat(prompt, pass1.tokens(), suffix);
            SequenceRequest pass2 = SequenceRequest.greedy(pass2Prompt, 8).ignoringEndOfGeneration();
            Generation reused = g.generateAll(List.of(pass2)).getFirst();
            // pass 1's cells: the prompt and every generated token but the last (never decoded)
            assertEquals(prompt.length + pass1.tokens().length - 1, reused.cachedPromptTokens());
            try (BatchedGenerator fresh = new BatchedGenerator(context, BatchOptions.of(2).withSharePrefixes(false))) {
                Generation decoded = fresh.generateAll(List.of(pass2)).getFirst();
                assertEquals(0, decoded.cachedPromptTokens());
                assertArrayEquals(decoded.tokens(), reused.tokens());
            }
        }
    }

    @Test
    void aRequestWaitsWhileTheUnifiedCacheIsFull() {
        // 512 cells: two requests of ~45 + 200 fit at once, the third waits for a slot's cells.
        List<SequenceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(SequenceRequest.greedy(prompts.get(i), 200).ignoringEndOfGeneration());
        }
        try (Context context = unified(512, 3); BatchedGenerator g = new BatchedGenerator(context,
                BatchOptions.of(3).withSharePrefixes(false))) {
            List<Generation> out = g.generateAll(requests);
            assertEquals(2, g.stats().maxInFlight());
            for (Generation r : out) {
                assertEquals(200, r.tokens().length);
            }
        }
    }

    @Test
    void badInputIsRefusedWithOneLine() {
        try (Context context = separate(2)) {
            BatchRejectedException tooMany = assertThrows(BatchRejectedException.class,
                    () -> new BatchedGenerator(context, BatchOptions.of(3)));
            assertTrue(tooMany.getMessage().contains("n_seq_max 2"), tooMany.getMessage());
            try (BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(2))) {
                int[] huge = new int[g.window() + 1];
                ContextOverflowException overflow = assertThrows(ContextOverflowException.class,
                        () -> g.generateAll(List.of(SequenceRequest.greedy(prompts.get(0), 4),
                                SequenceRequest.greedy(huge, 4))));
                assertTrue(overflow.getMessage().startsWith("request 1 of 2: prompt of " + huge.length), overflow.getMessage());
                BatchRejectedException token = assertThrows(BatchRejectedException.class,
                        () -> g.generateAll(List.of(SequenceRequest.greedy(new int[] {1, -4}, 4))));
                assertTrue(token.getMessage().contains("token id -4"), token.getMessage());
                for (Exception e : List.of(tooMany, overflow, token)) {
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                }
                // still usable after refusals
                assertEquals(4, g.generateAll(List.of(SequenceRequest.greedy(prompts.get(0), 4)
                        .ignoringEndOfGeneration())).getFirst().tokens().length);
            }
            BatchRejectedException copy = assertThrows(BatchRejectedException.class,
                    () -> context.memory().copySequence(0, 1, 0, 10));
            assertTrue(copy.getMessage().contains("kv_unified"), copy.getMessage());
        }
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> ContextOptions.of(256).withSequences(4, true).withBatch(2, 2));
        assertTrue(batch.getMessage().contains("n_seq_max <= n_batch"), batch.getMessage());
    }

    @Test
    void samplingThreadsDoNotChangeResults() {
        List<SequenceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(SequenceRequest.greedy(prompts.get(i), 10).withSampling(sampled(7 + i))
                    .ignoringEndOfGeneration());
        }
        try (Context context = unified(1024, 6)) {
            List<Generation> one;
            try (BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(6).withSamplingThreads(1))) {
                one = g.generateAll(requests);
            }
            try (BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(6).withSamplingThreads(3))) {
                List<Generation> three = g.generateAll(requests);
                for (int i = 0; i < 6; i++) {
                    assertArrayEquals(one.get(i).tokens(), three.get(i).tokens(), "request " + i);
                }
            }
        }
    }

    @Test
    void timingsAreSplitIntoPrefillAndGeneration() {
        try (Context context = separate(1); BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(1))) {
            Generation r = g.generateAll(List.of(SequenceRequest.greedy(prompts.get(0), 8).ignoringEndOfGeneration()))
                    .getFirst();
            assertTrue(r.prefillNanos() > 0 && r.generationNanos() > 0, r.toString());
            assertTrue(r.decodeNanos() <= r.prefillNanos() + r.generationNanos(), r.toString());
            assertNotEquals(0.0, r.prefillTokensPerSecond());
            assertNotEquals(0.0, r.generationTokensPerSecond());
        }
    }

    @Test
    void closingTheModelFirstLeavesTheEngineClosable() {
        Model own = TinyModel.load();
        Context context = own.newContext(ContextOptions.of(256).withThreads(2));
        BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(1));
        own.close();
        g.close();
        assertThrows(IllegalStateException.class, () -> g.generateAll(List.of(SequenceRequest.greedy(prompts.get(0), 1))));
    }

    static int commonPrefix(List<SequenceRequest> requests) {
        int n = requests.getFirst().promptTokens();
        for (SequenceRequest r : requests) {
            int i = 0;
            while (i < n && i < r.promptTokens() && r.promptToken(i) == requests.getFirst().promptToken(i)) {
                i++;
            }
            n = i;
        }
        return n;
    }

    static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] all = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
