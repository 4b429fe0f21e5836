package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RPC endpoints and the options that carry them, without a server. */
class RpcServerTest {
    @Test
    void endpointsParseAsLlamaCppTakesThem() {
        assertEquals(List.of(new RpcServer("gpu-1.lan", 50052), new RpcServer("10.0.0.2", 50053)),
                RpcServer.parseList("gpu-1.lan:50052, 10.0.0.2:50053"));
        assertEquals("gpu-1.lan:50052", RpcServer.parse("gpu-1.lan:50052").endpoint());
        for (String bad : List.of("host", "host:", ":50052", "host:port", "host:70000", "[::1]:50052", "::1:50052")) {
            assertThrows(IllegalArgumentException.class, () -> RpcServer.parse(bad), bad);
        }
    }

    @Test
    void optionsRefuseServersThatWouldGetNoLayersOrAppearTwice() {
        List<RpcServer> two = RpcServer.parseList("a:1,b:2");
        assertEquals(two, ModelOptions.defaults().withRpcServers(two).rpcServers());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ModelOptions.defaults().withGpuLayers(0).withRpcServers(two));
        assertTrue(none.getMessage().contains("would get no layers with gpuLayers 0"), none.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ModelOptions.defaults().withRpcServers(RpcServer.parseList("a:1,a:1")));
    }
}
