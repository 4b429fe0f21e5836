package xcot.methods.removal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The requests of the HTTP answer remover to an {@link OpenAiEndpoint}: each one bounded by {@code timeout} (from
 * sending to the last byte of the answer) and by {@value #MAX_BODY_BYTES} bytes of answer, retried after HTTP 429, a
 * 5xx, a timeout or a failed connection as {@link RetryPolicy} says, each wait announced to {@code waiting} (the run's
 * progress) first. Every message it produces passes {@link OpenAiEndpoint#redact}: no key, no {@code Bearer} token,
 * no URL userinfo, even when the server reflects them. One thread at a time.
 */
public final class OpenAiClient implements AutoCloseable {
    /** The most of an answer read; a chat completion of the filter is a few KB. */
    static final long MAX_BODY_BYTES = 8L << 20;
    /** The most characters of an error answer quoted in a message. */
    static final int QUOTED_CHARS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Waits between tries; tests pass one that only records. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One answer: where it came from, its status and body, after how many tries. */
    public record Reply(URI uri, int status, String body, int tries) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final OpenAiEndpoint endpoint;
    private final Duration timeout;
    private final RetryPolicy retries;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Consumer<String> waiting;
    private final HttpClient client;

    public OpenAiClient(OpenAiEndpoint endpoint, Duration timeout, RetryPolicy retries, Sleeper sleeper,
            RandomGenerator random, Consumer<String> waiting) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        this.retries = Objects.requireNonNull(retries, "retries");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The endpoint of the environment ({@link OpenAiEndpoint#fromEnvironment}), the standard retries, real waits. */
    public static OpenAiClient standard(OpenAiEndpoint endpoint, Duration timeout, Consumer<String> waiting) {
        return new OpenAiClient(endpoint, timeout, RetryPolicy.STANDARD, Thread::sleep, new SplittableRandom(),
                waiting);
    }

    public OpenAiEndpoint endpoint() {
        return endpoint;
    }

    /** Closes the connections (a client that is not closed lets them go when it is garbage). */
    @Override
    public void close() {
        client.close();
    }

    /**
     * Checks with one cheap request that the endpoint answers and takes the key: {@code GET models}, or where an
     * endpoint has no model list (404, 405), a one-token chat completion (which passes when it is answered at all
     * with something other than a refused key or a missing endpoint: a 400 or 422 means the request got past the key).
     *
     * @throws AnswerRemovalException one line naming the URL and the status or the connection problem
     */
    public void checkReachable() {
        Reply models = send("models", Optional.empty());
        if (models.ok()) {
            return;
        }
        if (models.status() != 404 && models.status() != 405) {
            throw failure("endpoint check: ", models);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("model", endpoint.model());
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", "Say OK.");
        body.put("max_tokens", 1);
        Reply chat = send("chat/completions", Optional.of(body));
        if (!chat.ok() && chat.status() != 400 && chat.status() != 422) {
            throw failure("endpoint check: ", chat);
        }
    }

    /**
     * {@code GET path}, or {@code POST path} with {@code body}, retried as the policy says. The reply is the first
     * that is not worth a retry, or the last one.
     *
     * @throws AnswerRemovalException when the last try got no answer (timeout, connection), or on interruption
     */
    public Reply send(String path, Optional<ObjectNode> body) {
        URI uri = endpoint.resolve(path);
        for (int attempt = 1; ; attempt++) {
            String problem;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<String> response = sendOnce(uri, body);
                if (!worthRetry(response.statusCode()) || attempt == retries.tries()) {
                    return new Reply(uri, response.statusCode(), response.body(), attempt);
                }
                problem = "HTTP " + status(response.statusCode());
                retryAfter = retryAfter(response.headers());
            } catch (IOException e) {
                problem = describe(e);
                if (attempt == retries.tries()) {
                    throw new AnswerRemovalException(endpoint.redact("answer removal: " + uri + ": " + problem
                            + tries(attempt)), e);
                }
            }
            Duration wait = retries.delayBefore(attempt, retryAfter, random);
            waiting.accept(endpoint.redact("answer removal: waiting for " + uri + " (try " + (attempt + 1) + " of "
                    + retries.tries() + " in " + seconds(wait) + ": " + problem + ")"));
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnswerRemovalException("answer removal: " + uri + ": interrupted", e);
            }
        }
    }

    /** The one-line error for a reply that is not a success: URL, status, the server's words (redacted), tries. */
    public AnswerRemovalException failure(String what, Reply reply) {
        String hint = reply.status() == 401 || reply.status() == 403
                ? " (the key in " + OpenAiEndpoint.ENV_API_KEY + " was refused)" : "";
        String said = quote(reply.body());
        return new AnswerRemovalException(endpoint.redact("answer removal: " + what + reply.uri() + " answered HTTP "
                + status(reply.status()) + (said.isEmpty() ? "" : ": " + said) + hint + tries(reply.tries())), null);
    }

    private HttpResponse<String> sendOnce(URI uri, Optional<ObjectNode> body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + endpoint.apiKey());
        if (body.isPresent()) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.get().toString()));
        }
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofString(), MAX_BODY_BYTES));
        try {
            // The request timeout ends the wait for the headers; this deadline also covers a body that stalls.
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("request timed out");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new AnswerRemovalException("answer removal: " + uri + ": interrupted", e);
        }
    }

    private static boolean worthRetry(int status) {
        return status == 429 || status >= 500;
    }

    private String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + seconds(timeout);
        }
        if (e instanceof ConnectException) {
            return "cannot connect" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The server's own words: an OpenAI-style {@code error.message}, else the body, on one line, cut short. */
    private String quote(String body) {
        String text = body;
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                text = message.textValue();
            }
        } catch (IOException e) {
            // not JSON: quote the body as it is
        }
        // Redact before cutting, so that a key cut off at the limit is still recognised as the key.
        String line = endpoint.redact(text.length() > 4 * QUOTED_CHARS ? text.substring(0, 4 * QUOTED_CHARS) : text)
                .replaceAll("\\s+", " ").strip();
        return line.length() > QUOTED_CHARS ? line.substring(0, QUOTED_CHARS) + "..." : line;
    }

    private static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(Instant.now(), at.toInstant()));
            } catch (DateTimeParseException notADate) {
                return Optional.empty(); // unreadable: the policy's own delay
            }
        }
    }

    private static String tries(int tries) {
        return tries > 1 ? " (after " + tries + " tries)" : "";
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis < 10_000 && millis % 1000 != 0 ? String.format(Locale.ROOT, "%.1f s", millis / 1e3)
                : millis / 1000 + " s";
    }

    static String status(int code) {
        String reason = switch (code) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }
}
