package xcot.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A llama.cpp RPC server ({@code ggml-rpc-server}) to offload model layers to, as {@code host:port}. llama.cpp's
 * client splits the endpoint at its first colon, so hosts are names or IPv4 addresses (no IPv6 literals).
 */
public record RpcServer(String host, int port) {
    public RpcServer {
        if (host == null || host.isEmpty() || host.contains(":") || host.contains(",")) {
            throw new IllegalArgumentException("an RPC server's host is a name or an IPv4 address, not '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("RPC server " + host + ": port " + port + " is not a TCP port");
        }
    }

    /** Parses {@code host:port}. */
    public static RpcServer parse(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            throw new IllegalArgumentException("an RPC server is host:port, not '" + endpoint + "'");
        }
        int port;
        try {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an RPC server is host:port, not '" + endpoint + "'");
        }
        return new RpcServer(endpoint.substring(0, colon), port);
    }

    /** Parses {@code host:port,host:port,...} (llama.cpp's {@code --rpc} syntax). */
    public static List<RpcServer> parseList(String endpoints) {
        List<RpcServer> out = new ArrayList<>();
        for (String endpoint : endpoints.split(",")) {
            out.add(parse(endpoint.strip()));
        }
        return List.copyOf(out);
    }

    /**
     * Checks that the server answers llama.cpp's handshake with this build's protocol version (what
     * {@link Model#load} does before llama.cpp connects), e.g. for a run's checks before any model is loaded.
     *
     * @throws LlamaException naming the server and what is wrong
     */
    public void check(Duration timeout) {
        RpcProbe.check(this, timeout);
    }

    /** {@code host:port}, the endpoint as llama.cpp takes it. */
    public String endpoint() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return endpoint();
    }
}
