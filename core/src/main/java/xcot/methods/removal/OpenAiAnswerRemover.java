package xcot.methods.removal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import xcot.tasks.BenchmarkKind;

/**
 * The paper's filter (o4-mini, {@code reasoning_effort="medium"}) over any OpenAI-compatible
 * {@code /chat/completions} endpoint, with {@code java.net.http}. Configured from the environment:
 * <ul>
 *   <li>{@value #ENV_BASE_URL}: base URL, default {@value #DEFAULT_BASE_URL}</li>
 *   <li>{@value #ENV_API_KEY}: bearer key (required)</li>
 *   <li>{@value #ENV_MODEL}: model, default {@value #DEFAULT_MODEL}</li>
 *   <li>{@value #ENV_REASONING_EFFORT}: {@code reasoning_effort}, default {@value #DEFAULT_EFFORT}; {@code none}
 *       leaves it out (for endpoints that reject it)</li>
 * </ul>
 * One request per CoT, no temperature or token limit, as in the reference. Unlike the reference, an API error is an
 * error (the reference stored {@code ""}): the run stops and can be resumed, and nothing wrong is cached.
 */
public final class OpenAiAnswerRemover implements AnswerRemover {
    public static final String ENV_BASE_URL = "XCOT_FILTER_BASE_URL";
    public static final String ENV_API_KEY = "XCOT_FILTER_API_KEY";
    public static final String ENV_MODEL = "XCOT_FILTER_MODEL";
    public static final String ENV_REASONING_EFFORT = "XCOT_FILTER_REASONING_EFFORT";
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "o4-mini";
    public static final String DEFAULT_EFFORT = "medium";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final String reasoningEffort;

    public OpenAiAnswerRemover(String baseUrl, String apiKey, String model, String reasoningEffort) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.model = Objects.requireNonNull(model, "model");
        this.reasoningEffort = Objects.requireNonNull(reasoningEffort, "reasoningEffort");
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * From the environment variables above.
     *
     * @throws IllegalArgumentException if {@value #ENV_API_KEY} is not set
     */
    public static OpenAiAnswerRemover fromEnvironment(Map<String, String> env) {
        String key = env.get(ENV_API_KEY);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("answer-removal method 'http' needs " + ENV_API_KEY
                    + " (and optionally " + ENV_BASE_URL + ", " + ENV_MODEL + ", " + ENV_REASONING_EFFORT + ")");
        }
        return new OpenAiAnswerRemover(env.getOrDefault(ENV_BASE_URL, DEFAULT_BASE_URL), key,
                env.getOrDefault(ENV_MODEL, DEFAULT_MODEL), env.getOrDefault(ENV_REASONING_EFFORT, DEFAULT_EFFORT));
    }

    @Override
    public String id() {
        return "http:" + model + ":" + reasoningEffort;
    }

    @Override
    public String remove(String cot, BenchmarkKind kind) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", FilterPrompt.message(kind, FilterPrompt.extract(kind, cot)));
        if (!reasoningEffort.equals("none")) {
            body.put("reasoning_effort", reasoningEffort);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AnswerRemovalException(endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnswerRemovalException(endpoint + ": interrupted", e);
        }
        if (response.statusCode() != 200) {
            String text = response.body();
            throw new AnswerRemovalException(endpoint + " answered HTTP " + response.statusCode() + ": "
                    + (text.length() > 200 ? text.substring(0, 200) + "..." : text).replace('\n', ' '), null);
        }
        try {
            JsonNode content = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw new AnswerRemovalException(endpoint + ": response has no choices[0].message.content", null);
            }
            return FilterPrompt.extract(kind, content.textValue());
        } catch (IOException e) {
            throw new AnswerRemovalException(endpoint + ": response is not JSON: " + e.getMessage(), e);
        }
    }
}
