package xcot.llm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Makes the schedule of {@link BatchedGenerator#runClients} independent of thread timing. A client is either
 * <em>running</em> (its script computes; it may submit) or <em>blocked</em> in a generate call (or finished). Before
 * every step the engine waits until no client is running, then takes what was submitted since the last step in
 * client order. A client becomes running again only when the engine delivers its last outstanding result, which the
 * engine records before waking it, so each request's place in the queue is fixed by which step boundary follows the
 * results it was built from and by its client's index: the same scripts give the same batches whatever the threads do.
 */
final class ClientCoordinator {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition boundary = lock.newCondition();
    private final Client[] clients;
    private final Consumer<SequenceRequest> validator;
    private final List<Ticket> submitted = new ArrayList<>();
    private int running;
    private int live;
    private RuntimeException stopped;

    ClientCoordinator(int count, Consumer<SequenceRequest> validator) {
        this.validator = validator;
        this.clients = new Client[count];
        for (int i = 0; i < count; i++) {
            clients[i] = new Client(i);
        }
        this.running = count;
        this.live = count;
    }

    GenerationClient client(int index) {
        return clients[index];
    }

    /**
     * Waits until no client is running; returns the tickets submitted since the last call, ordered by client index
     * (each client's own in submission order).
     */
    List<Ticket> awaitBoundary() throws InterruptedException {
        lock.lock();
        try {
            while (running > 0) {
                boundary.await();
            }
            List<Ticket> fresh = new ArrayList<>(submitted);
            submitted.clear();
            fresh.sort(Comparator.comparingInt(t -> t.client));
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    boolean hasLiveClients() {
        lock.lock();
        try {
            return live > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Hands completed tickets to their clients; a client whose last outstanding result this is runs again. */
    void deliver(List<Ticket> done) {
        if (done.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (Ticket t : done) {
                Client c = clients[t.client];
                if (--c.outstanding == 0) {
                    running++;
                    c.wake.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The engine stopped: every blocked and every later generate call throws. */
    void stop(RuntimeException cause) {
        lock.lock();
        try {
            stopped = cause;
            for (Client c : clients) {
                c.wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Client {@code index}'s script has returned or thrown. */
    void finished(int index) {
        lock.lock();
        try {
            live--;
            running--;
            boundary.signal();
        } finally {
            lock.unlock();
        }
    }

    private final class Client implements GenerationClient {
        private final int index;
        private final Condition wake = lock.newCondition();
        private int outstanding;

        Client(int index) {
            this.index = index;
        }

        @Override
        public Generation generate(SequenceRequest request) {
            return generateAll(List.of(request)).getFirst();
        }

        @Override
        public List<Generation> generateAll(List<SequenceRequest> requests) {
            if (requests.isEmpty()) {
                return List.of();
            }
            requests.forEach(validator);   // a request that can never run throws here, before anything is queued
            List<Ticket> tickets = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                tickets.add(new Ticket(requests.get(i), index, i));
            }
            lock.lock();
            try {
                throwIfStopped();
                submitted.addAll(tickets);
                outstanding = tickets.size();
                running--;
                boundary.signal();
                while (outstanding > 0 && stopped == null) {
                    wake.awaitUninterruptibly();
                }
                if (outstanding > 0) {
                    throwIfStopped();
                }
            } finally {
                lock.unlock();
            }
            List<Generation> results = new ArrayList<>(tickets.size());
            for (Ticket t : tickets) {
                results.add(t.outcome());
            }
            return results;
        }

        private void throwIfStopped() {
            if (stopped != null) {
                throw new LlamaException("batched generation stopped: " + stopped.getMessage(), stopped);
            }
        }
    }
}
