package xcot.llm;

import static xcot.bindings.llama_h.RPC_PROTO_MAJOR_VERSION;
import static xcot.bindings.llama_h.RPC_PROTO_MINOR_VERSION;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * Checks an RPC server before llama.cpp connects to it, because llama.cpp's client aborts the process when it cannot
 * connect or the handshake fails ({@code GGML_ABORT} in {@code rpc_dispatcher::start}), and waits for ever on a
 * server that is busy with another client (an {@code ggml-rpc-server} serves one client at a time).
 *
 * <p>The check is the client's own first message, HELLO, on a connection of its own that is closed right after: the
 * server answers with its protocol version and goes back to accepting clients.
 */
final class RpcProbe {
    /** {@code RPC_CMD_HELLO}: ggml-rpc.cpp asserts it "must be always 14". */
    private static final int CMD_HELLO = 14;
    /**
     * {@code sizeof(rpc_msg_hello_req)}: the transport capabilities ({@code RPC_CONN_CAPS_SIZE} in ggml-rpc's
     * private transport.h at the pinned commit, protocol 6.0). All zero: no transport upgrade. A server of another
     * size closes the connection, which the probe reports as a version mismatch.
     */
    private static final int CONN_CAPS_BYTES = 24;

    private RpcProbe() {}

    /** @throws LlamaException naming the server and what is wrong */
    static void check(RpcServer server, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            ByteBuffer hello = ByteBuffer.allocate(1 + 8 + CONN_CAPS_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            hello.put((byte) CMD_HELLO).putLong(CONN_CAPS_BYTES);
            OutputStream out = socket.getOutputStream();
            out.write(hello.array());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] sizeBytes = new byte[8];
            in.readFully(sizeBytes);
            long size = ByteBuffer.wrap(sizeBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (size < 3 || size > 1024) {
                throw new LlamaException("RPC server " + server + " answered the handshake with " + size
                        + " bytes; is it a llama.cpp rpc-server?");
            }
            byte[] version = new byte[(int) size];
            in.readFully(version);
            int major = version[0] & 0xff;
            int minor = version[1] & 0xff;
            if (major != RPC_PROTO_MAJOR_VERSION() || minor > RPC_PROTO_MINOR_VERSION()) {
                throw new LlamaException("RPC server " + server + " speaks protocol " + major + "." + minor + "."
                        + (version[2] & 0xff) + "; this llama.cpp speaks " + RPC_PROTO_MAJOR_VERSION() + "."
                        + RPC_PROTO_MINOR_VERSION() + " (run the rpc-server of the same llama.cpp build)");
            }
        } catch (SocketTimeoutException e) {
            throw new LlamaException("RPC server " + server + " did not answer within " + timeout.toMillis()
                    + " ms; an rpc-server serves one client at a time: is another process using it?", e);
        } catch (EOFException e) {
            throw new LlamaException("RPC server " + server + " closed the connection during the handshake; is it"
                    + " the rpc-server of the same llama.cpp build?", e);
        } catch (IOException e) {
            throw new LlamaException("RPC server " + server + " cannot be reached: " + e.getMessage(), e);
        }
    }
}
