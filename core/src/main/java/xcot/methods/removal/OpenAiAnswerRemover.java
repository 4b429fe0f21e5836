package xcot.methods.removal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import xcot.tasks.BenchmarkKind;

/**
 * The paper's filter (o4-mini, {@code reasoning_effort="medium"}) over any OpenAI-compatible
 * {@code /chat/completions} endpoint ({@link OpenAiEndpoint}: from the environment), through an {@link OpenAiClient}
 * (timeout, retries, redacted messages). One request per CoT, no temperature or token limit, as in the reference.
 * Unlike the reference, an API error is an error (the reference stored {@code ""}): the run stops and can be resumed,
 * and nothing wrong is cached.
 */
public final class OpenAiAnswerRemover implements AnswerRemover {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenAiClient client;

    public OpenAiAnswerRemover(OpenAiClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The endpoint of the environment ({@link OpenAiEndpoint#fromEnvironment}) with the standard retries.
     *
     * @param timeout the longest one request may take
     * @param waiting told each wait before a retry (one line)
     * @throws IllegalArgumentException if the key is not set or the base URL is not a plain http(s) URL
     */
    public static OpenAiAnswerRemover fromEnvironment(Map<String, String> env, Duration timeout,
            Consumer<String> waiting) {
        return new OpenAiAnswerRemover(OpenAiClient.standard(OpenAiEndpoint.fromEnvironment(env), timeout, waiting));
    }

    /**
     * The {@link #id()} of a remover built from {@code env}, read without the key: stored results are found by it, so
     * a run whose results are all stored (an export, a resume) needs no credentials.
     */
    public static String idFromEnvironment(Map<String, String> env) {
        return id(OpenAiEndpoint.modelOf(env), OpenAiEndpoint.reasoningEffortOf(env));
    }

    @Override
    public String id() {
        return id(client.endpoint().model(), client.endpoint().reasoningEffort());
    }

    private static String id(String model, String reasoningEffort) {
        return "http:" + model + ":" + reasoningEffort;
    }

    @Override
    public String remove(String cot, BenchmarkKind kind) {
        OpenAiEndpoint endpoint = client.endpoint();
        ObjectNode body = JSON.createObjectNode();
        body.put("model", endpoint.model());
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", FilterPrompt.message(kind, FilterPrompt.extract(kind, cot)));
        if (!endpoint.reasoningEffort().equals("none")) {
            body.put("reasoning_effort", endpoint.reasoningEffort());
        }
        OpenAiClient.Reply reply = client.send("chat/completions", Optional.of(body));
        if (reply.status() != 200) {
            throw client.failure("", reply);
        }
        JsonNode content;
        try {
            content = JSON.readTree(reply.body()).path("choices").path(0).path("message").path("content");
        } catch (IOException e) {
            // no cause: a parser's message quotes the text, which a reflecting server may have filled with the key
            throw new AnswerRemovalException("answer removal: " + reply.uri() + ": the answer is not JSON", null);
        }
        if (!content.isTextual()) {
            throw new AnswerRemovalException("answer removal: " + reply.uri()
                    + ": the answer has no choices[0].message.content", null);
        }
        return FilterPrompt.extract(kind, content.textValue());
    }
}
