package xcot.methods.removal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI-compatible endpoint on 127.0.0.1 for tests: every request is recorded (method, path, Authorization
 * header, body) and answered by a script, which may reflect what it was sent, as a hostile or careless server does.
 * Also used by the run tests of {@code xcot.runs}.
 */
public final class LocalEndpoint implements AutoCloseable {
    /** One request as the server saw it. */
    public record Request(String method, String path, String authorization, String body) {}

    /** One answer: status, body and extra headers. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        /** A chat completion whose first choice says {@code content}. */
        public static Answer chat(String content) {
            return of(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
                    + com.fasterxml.jackson.databind.node.TextNode.valueOf(content) + "}}]}");
        }
    }

    /** Decides the answer to a request; {@code index} counts the requests from 0. */
    @FunctionalInterface
    public interface Script {
        Answer answer(Request request, int index);
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public LocalEndpoint(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int index;
            synchronized (requests) {
                index = requests.size();
                requests.add(request);
            }
            reply(exchange, script.answer(request, index));
        });
        server.start();
    }

    private static void reply(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    /** The base URL, {@code http://127.0.0.1:PORT/v1}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
