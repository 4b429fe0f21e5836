package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchedGenerator#runClients}: scripts of two dependent passes on virtual threads, with random delays between
 * their calls, give the same schedule (steps, admissions, reused cells) and the same tokens on every run.
 */
class BatchClientsTest {
    private static Model model;
    private static List<int[]> prompts;
    private static int[] suffix;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
        prompts = BatchDeterminismTest.prompts(model.vocab(), 6);
        suffix = model.vocab().tokenize("\n</think>\n\n", false, true);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Pass 1 greedy, then pass 2 on pass 1's prompt + tokens + a suffix; sleeps a random while between. */
    private static ClientScript<int[][]> twoPasses(int item, Random jitter) {
        long sleep1 = jitter.nextInt(30);
        long sleep2 = jitter.nextInt(30);
        return client -> {
            Thread.sleep(sleep1);
            Generation pass1 = client.generate(SequenceRequest.greedy(prompts.get(item), 4 + item)
                    .ignoringEndOfGeneration());
            Thread.sleep(sleep2);
            int[] next = BatchedGeneratorTest.concat(prompts.get(item), pass1.tokens(), suffix);
            List<Generation> pass2 = client.generateAll(List.of(
                    SequenceRequest.greedy(next, 5).ignoringEndOfGeneration(),
                    SequenceRequest.greedy(next, 3).ignoringEndOfGeneration()));
            return new int[][] {pass1.tokens(), pass2.get(0).tokens(), pass2.get(1).tokens()};
        };
    }

    private record Run(List<int[][]> results, BatchStats stats) {}

    private static Run run(long seed) {
        Random jitter = new Random(seed);
        List<ClientScript<int[][]>> scripts = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            scripts.add(twoPasses(i, jitter));
        }
        try (Context context = model.newContext(ContextOptions.of(2048).withThreads(2).withSequences(4, true));
                BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(4))) {
            return new Run(g.runClients(scripts), g.stats());
        }
    }

    @Test
    void theScheduleDoesNotDependOnThreadTiming() {
        Run a = run(1);
        Run b = run(2);
        assertEquals(a.stats().steps(), b.stats().steps());
        assertEquals(a.stats().promptTokensDecoded(), b.stats().promptTokensDecoded());
        assertEquals(a.stats().promptTokensReused(), b.stats().promptTokensReused());
        assertEquals(18, a.stats().sequences());
        assertTrue(a.stats().promptTokensReused() > 0, "pass 2 reuses pass 1's cells");
        for (int i = 0; i < prompts.size(); i++) {
            for (int pass = 0; pass < 3; pass++) {
                assertArrayEquals(a.results().get(i)[pass], b.results().get(i)[pass], "item " + i + " pass " + pass);
            }
            assertEquals(4 + i, a.results().get(i)[0].length);
        }
    }

    @Test
    void aFailingScriptIsReportedAfterTheOthersFinish() {
        List<ClientScript<Integer>> scripts = List.of(
                client -> client.generate(SequenceRequest.greedy(prompts.get(0), 3).ignoringEndOfGeneration())
                        .tokens().length,
                client -> {
                    ContextOverflowException e = assertThrows(ContextOverflowException.class,
                            () -> client.generate(SequenceRequest.greedy(new int[100_000], 3)));
                    throw new IllegalStateException("gave up: " + e.getMessage());
                },
                client -> client.generate(SequenceRequest.greedy(prompts.get(1), 2).ignoringEndOfGeneration())
                        .tokens().length);
        try (Context context = model.newContext(ContextOptions.of(1024).withThreads(2).withSequences(2, true));
                BatchedGenerator g = new BatchedGenerator(context, BatchOptions.of(2))) {
            ClientScriptException e = assertThrows(ClientScriptException.class, () -> g.runClients(scripts));
            assertEquals(1, e.client());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals(2, g.stats().sequences(), "the other two scripts ran to their end");
            assertEquals(List.of(3, 2), g.runClients(List.of(scripts.get(0), scripts.get(2))));
        }
    }
}
