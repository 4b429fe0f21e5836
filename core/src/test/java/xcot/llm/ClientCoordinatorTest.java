package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientCoordinator} without a model: the test plays the engine. A woken client computes beside the next
 * {@value ClientCoordinator#LAG} step(s); the engine waits for it only at its deadline.
 */
class ClientCoordinatorTest {
    private static final SequenceRequest REQUEST = SequenceRequest.greedy(new int[] {1, 2, 3}, 2);

    @Test
    void aWokenClientRunsBesideTheNextStepAndIsWaitedForAtItsDeadline() throws Exception {
        assertTrue(ClientCoordinator.LAG >= 1, "clients compute beside at least one step");
        ClientCoordinator coordinator = new ClientCoordinator(1, r -> {});
        AtomicBoolean secondSubmitted = new AtomicBoolean();
        Thread client = Thread.ofVirtual().start(() -> {
            GenerationClient c = coordinator.client(0);
            c.generate(REQUEST);
            try {
                Thread.sleep(300);   // the client's own work, far longer than the engine takes below
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            secondSubmitted.set(true);
            c.generate(REQUEST);
            coordinator.finished(0);
        });
        List<Ticket> first = coordinator.awaitBoundary();   // boundary 0: every client starts due
        assertEquals(1, first.size());
        first.getFirst().complete(result());
        coordinator.deliver(first);   // step 0 done: the client wakes, due at boundary 1 + LAG
        for (int step = 1; step <= ClientCoordinator.LAG; step++) {
            assertTrue(coordinator.awaitBoundary().isEmpty(), "boundary " + step + " does not wait for the client");
            assertFalse(secondSubmitted.get());
            coordinator.deliver(List.of());
        }
        List<Ticket> second = coordinator.awaitBoundary();   // its deadline: waits for the client's request
        assertTrue(secondSubmitted.get());
        assertEquals(1, second.size());
        second.getFirst().complete(result());
        coordinator.deliver(second);
        client.join();
        assertFalse(coordinator.hasLiveClients());
    }

    @Test
    void withNothingInFlightTheEngineWaitsForEveryClientInClientOrder() throws Exception {
        ClientCoordinator coordinator = new ClientCoordinator(2, r -> {});
        Thread[] clients = new Thread[2];
        for (int i = 0; i < 2; i++) {
            int index = i;
            clients[i] = Thread.ofVirtual().start(() -> {
                GenerationClient c = coordinator.client(index);
                c.generate(REQUEST);
                try {
                    Thread.sleep(index == 0 ? 200 : 0);   // the first client is the slower one
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                c.generate(REQUEST);
                coordinator.finished(index);
            });
        }
        List<Ticket> first = coordinator.awaitBoundary();
        first.forEach(t -> t.complete(result()));
        coordinator.deliver(first);
        assertTrue(coordinator.awaitBoundary().isEmpty());
        List<Ticket> all = coordinator.awaitAll();
        assertEquals(List.of(0, 1), all.stream().map(t -> t.client).toList());
        all.forEach(t -> t.complete(result()));
        coordinator.deliver(all);
        for (Thread t : clients) {
            t.join();
        }
        assertFalse(coordinator.hasLiveClients());
    }

    private static Generation result() {
        return new Generation(new int[] {7}, "x", Generation.StopReason.TOKEN_LIMIT, 3, 0, 0, 0, 0);
    }
}
