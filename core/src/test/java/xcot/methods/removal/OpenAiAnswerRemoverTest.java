package xcot.methods.removal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import xcot.methods.removal.LocalEndpoint.Answer;
import xcot.tasks.BenchmarkKind;

/**
 * The HTTP answer remover against a local endpoint on 127.0.0.1: the request it sends, that no message ever shows
 * the key or URL credentials (the server reflects them), the preflight's one request, retries with backoff and their
 * waiting lines, and the per-request timeout.
 */
class OpenAiAnswerRemoverTest {
    static final String KEY = "sk-test-4f9Qz7Lm2Xc8Vb1Nr6TpK3";
    /** The policy of the tests: the standard tries and delays, but the sleeps only recorded. */
    final List<Duration> slept = new ArrayList<>();
    final List<String> waits = new ArrayList<>();

    OpenAiClient client(String base, Duration timeout, RetryPolicy retries) {
        OpenAiEndpoint endpoint = OpenAiEndpoint.fromEnvironment(Map.of(OpenAiEndpoint.ENV_BASE_URL, base,
                OpenAiEndpoint.ENV_API_KEY, KEY));
        return new OpenAiClient(endpoint, timeout, retries, slept::add, new Random(7), waits::add);
    }

    OpenAiAnswerRemover remover(String base) {
        return new OpenAiAnswerRemover(client(base, Duration.ofSeconds(10), RetryPolicy.STANDARD));
    }

    /** Fails if any 6 consecutive characters of the key are in {@code text}. */
    static void assertNoPartOfTheKey(String text) {
        for (int i = 0; i + 6 <= KEY.length(); i++) {
            assertFalse(text.contains(KEY.substring(i, i + 6)), "key fragment " + KEY.substring(i, i + 6) + " in: "
                    + text);
        }
    }

    @Test
    void sendsTheFilterPromptAndExtractsTheReply() throws IOException {
        try (LocalEndpoint server = new LocalEndpoint((r, i) -> Answer.chat("Hint one.  \nHint two."))) {
            OpenAiAnswerRemover remover = OpenAiAnswerRemover.fromEnvironment(Map.of(
                    OpenAiEndpoint.ENV_BASE_URL, server.base() + "/", OpenAiEndpoint.ENV_API_KEY, "k123"),
                    Duration.ofSeconds(10), line -> { });
            assertEquals("http:o4-mini:medium", remover.id());
            assertEquals("Hint one.  \nHint two.", remover.remove("<think> cot </think>", BenchmarkKind.MEDCALC));
            LocalEndpoint.Request request = server.requests().getFirst();
            assertEquals("/v1/chat/completions", request.path());
            JsonNode body = new ObjectMapper().readTree(request.body());
            assertEquals("o4-mini", body.get("model").textValue());
            assertEquals("medium", body.get("reasoning_effort").textValue());
            assertEquals(FilterPrompt.message(BenchmarkKind.MEDCALC, "cot"),
                    body.get("messages").get(0).get("content").textValue());
            assertEquals("Bearer k123", request.authorization());
        }
    }

    @Test
    void missingKeyIsOneClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenAiEndpoint.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().contains(OpenAiEndpoint.ENV_API_KEY), e.getMessage());
    }

    @Test
    void aServerThatReflectsTheKeyInAnErrorNeverGetsItPrinted() throws IOException {
        // JSON with the Authorization header and the request's own words, and a plain body in which the key straddles
        // the length at which the message cuts the quote.
        LocalEndpoint.Script reflect = (r, i) -> i == 0
                ? Answer.of(401, "{\"error\":{\"message\":\"bad key: " + r.authorization() + " (you are " + KEY
                        + ")\",\"type\":\"invalid_request_error\"}}")
                : Answer.of(401, "x".repeat(OpenAiClient.QUOTED_CHARS - 10) + KEY + " api_key=" + KEY);
        try (LocalEndpoint server = new LocalEndpoint(reflect)) {
            OpenAiAnswerRemover remover = remover(server.base());
            for (int i = 0; i < 2; i++) {
                AnswerRemovalException e = assertThrows(AnswerRemovalException.class,
                        () -> remover.remove("cot", BenchmarkKind.MEDCALC));
                String m = e.getMessage();
                assertNoPartOfTheKey(m);
                assertEquals(1, m.lines().count(), m);
                assertTrue(m.startsWith("answer removal: " + server.base() + "/chat/completions answered HTTP 401 "
                        + "Unauthorized: "), m);
                assertTrue(m.contains("(the key in " + OpenAiEndpoint.ENV_API_KEY + " was refused)"), m);
            }
            assertEquals("Bearer " + KEY, server.requests().getFirst().authorization(), "the key itself is sent");
        }
    }

    @Test
    void aBaseUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
        for (String url : List.of("http://alice:pa55-w0rd@127.0.0.1:9/v1", "https://alice@example.org/v1",
                "http://127.0.0.1:9/v1?api_key=pa55-w0rd")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OpenAiEndpoint.fromEnvironment(Map.of(OpenAiEndpoint.ENV_BASE_URL, url,
                            OpenAiEndpoint.ENV_API_KEY, KEY)), url);
            assertFalse(e.getMessage().contains("alice") || e.getMessage().contains("pa55"), e.getMessage());
            assertTrue(e.getMessage().startsWith(OpenAiEndpoint.ENV_BASE_URL + " "), e.getMessage());
        }
        OpenAiEndpoint plain = OpenAiEndpoint.fromEnvironment(Map.of(OpenAiEndpoint.ENV_API_KEY, KEY));
        assertFalse(plain.toString().contains(KEY), plain.toString());
    }

    @Test
    void tooManyRequestsThenSuccessRetriesAndSaysItWaits() throws IOException {
        try (LocalEndpoint server = new LocalEndpoint((r, i) -> switch (i) {
            case 0 -> new Answer(429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "3"));
            case 1 -> Answer.of(503, "");
            default -> Answer.chat("Hint.");
        })) {
            assertEquals("Hint.", remover(server.base()).remove("cot", BenchmarkKind.MEDCALC));
            assertEquals(3, server.requests().size());
            String url = server.base() + "/chat/completions";
            // The server's Retry-After as given; after the 503, which sent none, the policy's second delay, 4 s,
            // scaled by the seeded jitter into [2 s, 6 s).
            assertEquals(Duration.ofSeconds(3), slept.get(0));
            assertTrue(slept.get(1).compareTo(Duration.ofSeconds(2)) >= 0
                    && slept.get(1).compareTo(Duration.ofSeconds(6)) < 0, slept.toString());
            assertEquals(List.of("answer removal: waiting for " + url + " (try 2 of 4 in 3 s: HTTP 429 Too Many "
                    + "Requests)", "answer removal: waiting for " + url + " (try 3 of 4 in "
                    + OpenAiClient.seconds(slept.get(1)) + ": HTTP 503 Service Unavailable)"), waits);
        }
    }

    @Test
    void aServerErrorForeverFailsAfterTheBoundedTriesInOneLine() throws IOException {
        try (LocalEndpoint server = new LocalEndpoint((r, i) -> Answer.of(503, "{\"error\":{\"message\":\"down\"}}"))) {
            AnswerRemovalException e = assertThrows(AnswerRemovalException.class,
                    () -> remover(server.base()).remove("cot", BenchmarkKind.MEDCALC));
            assertEquals("answer removal: " + server.base() + "/chat/completions answered HTTP 503 Service "
                    + "Unavailable: down (after 4 tries)", e.getMessage());
            assertEquals(4, server.requests().size());
            assertEquals(3, slept.size());
            assertEquals(3, waits.size());
            for (int retry = 1; retry <= 3; retry++) { // 2 s, 4 s, 8 s, each scaled into [0.5, 1.5)
                long base = 2000L << (retry - 1);
                long ms = slept.get(retry - 1).toMillis();
                assertTrue(ms >= base / 2 && ms < base * 3 / 2, "retry " + retry + ": " + slept);
            }
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAfterTheConfiguredTimeout() throws IOException {
        // A listening socket nobody accepts from: the connection is made, the request sent, no answer ever comes.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String base = "http://127.0.0.1:" + silent.getLocalPort() + "/v1";
            long start = System.nanoTime();
            AnswerRemovalException e = assertThrows(AnswerRemovalException.class,
                    () -> new OpenAiAnswerRemover(client(base, Duration.ofSeconds(1),
                            new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(2))))
                            .remove("cot", BenchmarkKind.MEDCALC));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals("answer removal: " + base + "/chat/completions: no answer within 1 s (after 2 tries)",
                    e.getMessage());
            assertEquals(List.of("answer removal: waiting for " + base + "/chat/completions (try 2 of 2 in "
                    + OpenAiClient.seconds(slept.getFirst()) + ": no answer within 1 s)"), waits);
            assertTrue(seconds < 30, "two tries of 1 s took " + seconds + " s");
        }
    }

    @Test
    void thePreflightAsksForTheModelListAndFallsBackToOneTokenOfChat() throws IOException {
        try (LocalEndpoint server = new LocalEndpoint((r, i) -> Answer.of(200, "{\"data\":[]}"))) {
            client(server.base(), Duration.ofSeconds(5), RetryPolicy.STANDARD).checkReachable();
            assertEquals(List.of("GET /v1/models"), server.requests().stream().map(r -> r.method() + " " + r.path())
                    .toList());
        }
        try (LocalEndpoint server = new LocalEndpoint((r, i) -> r.path().endsWith("/models") ? Answer.of(404, "")
                : Answer.chat("O"))) {
            client(server.base(), Duration.ofSeconds(5), RetryPolicy.STANDARD).checkReachable();
            assertEquals(List.of("GET /v1/models", "POST /v1/chat/completions"), server.requests().stream()
                    .map(r -> r.method() + " " + r.path()).toList());
            assertEquals(1, new ObjectMapper().readTree(server.requests().get(1).body()).get("max_tokens").intValue());
        }
        try (LocalEndpoint server = new LocalEndpoint((r, i) -> Answer.of(401, "{\"error\":{\"message\":\"Incorrect "
                + "API key provided: " + KEY.substring(0, 12) + "****" + KEY.substring(KEY.length() - 4) + "\"}}"))) {
            AnswerRemovalException e = assertThrows(AnswerRemovalException.class,
                    () -> client(server.base(), Duration.ofSeconds(5), RetryPolicy.STANDARD).checkReachable());
            assertNoPartOfTheKey(e.getMessage());
            assertTrue(e.getMessage().startsWith("answer removal: endpoint check: " + server.base() + "/models "
                    + "answered HTTP 401 Unauthorized"), e.getMessage());
            assertEquals(1, server.requests().size(), "a refused key is not retried");
        }
    }
}
