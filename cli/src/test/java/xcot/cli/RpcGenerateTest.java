package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.bindings.LlamaLibrary;
import xcot.fixtures.TinyModels;
import xcot.llm.Backend;
import xcot.zoo.CommittedZoo;

/**
 * {@code xcot generate --rpc}, and a run config's {@code rpc:} key, against two {@code ggml-rpc-server} processes on
 * 127.0.0.1, started and stopped here.
 * Each generation runs in a child JVM: a lost server makes llama.cpp abort the process, which must not take the test
 * JVM along (and a JVM that registered RPC devices keeps them for its whole life).
 */
class RpcGenerateTest {
    @TempDir
    Path dir;
    private final List<Process> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    @BeforeEach
    void startServers() throws Exception {
        Path binary = LlamaLibrary.rpcServer().orElse(null);
        Assumptions.assumeTrue(binary != null, "this llama.cpp build has no ggml-rpc-server beside "
                + LlamaLibrary.directory() + "; skipping the RPC tests");
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            Process server = new ProcessBuilder(binary.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port),
                    "-t", "1").redirectErrorStream(true).redirectOutput(dir.resolve("server" + i + ".log").toFile())
                    .start();
            servers.add(server);
            ports.add(port);
            awaitListening(port, server);
        }
    }

    @AfterEach
    void stopServers() throws Exception {
        for (Process server : servers) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aModelSplitOverTwoServersAndTheCpuGivesTheLocalGreedyTokens() throws Exception {
        // The toy model reads a+b+c= and writes a chain of several steps; the random-weight Qwen3 one runs the real
        // tokenizer. mix-d has 3 layers + output: --gpu-layers 3 offloads two layers and the output to the servers,
        // one layer stays on the local CPU.
        Child zoo = generate(CommittedZoo.path("mix-d"), "6+1+9=", 40, "--rpc", servers(), "--gpu-layers", "3");
        Child zooLocal = generate(CommittedZoo.path("mix-d"), "6+1+9=", 40, "--gpu-layers", "0");
        assertEquals(0, zoo.exit(), zoo.err());
        assertEquals(zooLocal.out(), zoo.out());
        assertTrue(zoo.out().contains("</think>"), zoo.out());
        assertTrue(zoo.err().contains("offloaded 3/4 layers to GPU"), zoo.err());
        for (int port : ports) {
            assertTrue(zoo.err().contains("[127.0.0.1:" + port + "] model buffer size"), "no layers on " + port
                    + ":\n" + zoo.err());
        }

        Path qwen3 = TinyModels.cachedTinyQwen3(7);
        Child tiny = generate(qwen3, "The answer is", 48, "--rpc", servers());
        Child tinyLocal = generate(qwen3, "The answer is", 48, "--gpu-layers", "0");
        assertEquals(0, tiny.exit(), tiny.err());
        assertEquals(tinyLocal.out(), tiny.out());
        assertTrue(tiny.err().contains("48 new tokens"), tiny.err());
    }

    @Test
    void aRunConfigsRpcKeySplitsEachModelOverBothServersAndTheCpuAndGivesTheLocalRecords() throws Exception {
        // mix-d has 3 layers + output, plain-a 2 + output: gpu-layers one short of all keeps a layer on the local CPU.
        String rpc = ", rpc: [\"127.0.0.1:" + ports.get(0) + "\", \"127.0.0.1:" + ports.get(1) + "\"]";
        String yaml = """
                benchmark: {name: toy, limit: 3}
                models:
                  - {name: a, zoo: plain-a, context: 256, threads: 1, gpu-layers: 2%s}
                  - {name: d, zoo: mix-d, context: 256, threads: 1, gpu-layers: 3%s}
                conditions: [empty, default, transfer]
                """;
        Path remote = dir.resolve("remote.yaml");
        Files.writeString(remote, yaml.formatted(rpc, rpc));
        Path local = dir.resolve("local.yaml");
        Files.writeString(local, yaml.formatted("", ""));
        Child split = run(remote, dir.resolve("remote"));
        Child alone = run(local, dir.resolve("local"));
        assertEquals(0, split.exit(), split.err());
        assertEquals(0, alone.exit(), alone.err());
        for (String model : List.of("offloaded 2/3 layers to GPU", "offloaded 3/4 layers to GPU")) {
            assertTrue(split.err().contains(model), model + ":\n" + split.err());
        }
        for (int port : ports) {
            assertTrue(split.err().contains("[127.0.0.1:" + port + "] model buffer size"), "no layers on " + port);
        }
        assertFalse(alone.err().contains("[127.0.0.1:"), "the local run stays local");
        String records = Files.readString(dir.resolve("local/answers.jsonl"));
        // Per item and model: empty, default, a transfer from each model with and without its answer, default
        // without answer.
        assertEquals(3 * 2 * 7, records.lines().count());
        assertEquals(records, Files.readString(dir.resolve("remote/answers.jsonl")));
    }

    private Child run(Path config, Path out) throws Exception {
        Path stdout = Files.createTempFile(dir, "run", ".out");
        Path stderr = Files.createTempFile(dir, "run", ".err");
        // --verbose: llama.cpp's log (where it says what it offloaded) on stderr too, not only in run.log.
        Process p = start(List.of("run", config.toString(), "--out", out.toString(), "--verbose"), stdout, stderr);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run did not finish");
        return new Child(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    @Test
    void aServerThatGoesAwayMidRunEndsTheChildWithOneLineWithinSeconds() throws Exception {
        Path out = dir.resolve("killed.out");
        Path err = dir.resolve("killed.err");
        Process child = start(List.of("generate", "--model", TinyModels.cachedTinyQwen3(7).toString(), "--prompt",
                "Hello", "--max-tokens", "4000", "--threads", "1", "--rpc", servers()), out, err);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(err).contains("compute buffer size")) {
                assertTrue(child.isAlive(), "the child ended before generating:\n" + Files.readString(err));
                assertTrue(System.nanoTime() < deadline, "the model never loaded:\n" + Files.readString(err));
                Thread.sleep(20);
            }
            Thread.sleep(300); // into the generation
            assertTrue(child.isAlive(), "4000 tokens take longer than this");
            long killedAt = System.nanoTime();
            servers.get(1).destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child hangs on the lost server");
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            List<String> lines = Files.readAllLines(err);
            assertEquals(Backend.ABORT_EXIT_CODE, child.exitValue(), String.join("\n", lines));
            assertTrue(lines.getLast().matches("xcot: llama\\.cpp aborted: ggml-rpc\\.cpp:\\d+: Remote RPC server"
                    + " crashed or returned malformed response \\(an RPC server went away or failed\\)"),
                    lines.getLast());
            assertFalse(lines.stream().anyMatch(l -> l.contains("backtrace") || l.startsWith("#")),
                    "no native backtrace:\n" + String.join("\n", lines));
            assertEquals("", Files.readString(out), "nothing half-generated is printed");
            assertTrue(seconds < 30, "exit took " + seconds + " s");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aServerThatIsNotThereIsOneLineBeforeLlamaCppConnects() throws Exception {
        int closed = freePort();
        Path model = CommittedZoo.path("plain-a");
        Child c = generate(model, "1+2+3=", 8, "--rpc", "127.0.0.1:" + closed);
        assertEquals(1, c.exit(), c.err());
        List<String> lines = c.err().lines().filter(l -> l.startsWith("xcot: ")).toList();
        assertEquals(1, lines.size(), c.err());
        assertTrue(lines.getFirst().startsWith("xcot: " + model + ": RPC server 127.0.0.1:" + closed
                + " cannot be reached: "), lines.getFirst());

        Child zeroLayers = generate(model, "1+2+3=", 8, "--rpc", servers(), "--gpu-layers", "0");
        assertEquals(1, zeroLayers.exit());
        assertTrue(zeroLayers.err().contains("xcot: RPC servers [127.0.0.1:" + ports.get(0) + ", 127.0.0.1:"
                + ports.get(1) + "] would get no layers with gpuLayers 0"), zeroLayers.err());
    }

    private String servers() {
        return "127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1);
    }

    record Child(int exit, String out, String err) {}

    private Child generate(Path model, String prompt, int maxTokens, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("generate", "--model", model.toString(), "--prompt", prompt,
                "--max-tokens", Integer.toString(maxTokens), "--threads", "1"));
        args.addAll(List.of(more));
        Path out = Files.createTempFile(dir, "gen", ".out");
        Path err = Files.createTempFile(dir, "gen", ".err");
        Process p = start(args, out, err);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "generate did not finish");
        return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** {@code xcot ARGS} in a child JVM, with llama.cpp's load log (debug level) on stderr. */
    private static Process start(List<String> args, Path out, Path err) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "--add-modules",
                "jdk.incubator.vector", "-Dorg.slf4j.simpleLogger.log.llama.cpp=debug", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits until the server accepts connections (the probe connection is closed at once; it serves the next). */
    private static void awaitListening(int port, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                assertTrue(server.isAlive(), "ggml-rpc-server on port " + port + " exited");
                assertTrue(System.nanoTime() < deadline, "ggml-rpc-server on port " + port + " does not listen");
                Thread.sleep(20);
            }
        }
    }
}
