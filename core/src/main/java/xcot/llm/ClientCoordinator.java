package xcot.llm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Makes the schedule of {@link BatchedGenerator#runClients} independent of thread timing, while clients' own work
 * (tokenizing the next prompt, storing a result) runs beside the decode. A client is either <em>running</em> (its
 * script computes; it may submit) or <em>blocked</em> in a generate call (or finished). Steps are counted; a client
 * woken by results of step {@code s} has a <em>deadline</em>: boundary {@code s + 1 + }{@value #LAG}, the point before
 * step {@code s + 1 + LAG}. Before each step the engine waits only for the running clients whose deadline it has
 * reached, then queues what was submitted for this boundary (by deadline, then client order). A request's place in
 * the queue is thus fixed by the step whose results it was built from and by its client's index, never by how fast
 * its client ran: the same scripts give the same batches whatever the threads do.
 *
 * <p>When nothing is in flight or queued, the engine cannot step towards a later deadline; it waits for every running
 * client instead and queues all they submitted, in the same order, which is as deterministic.
 */
final class ClientCoordinator {
    /**
     * Steps a woken client may take beside the decode before the engine waits for it. One step of 16 sequences of
     * even the tiny test model (about 8 ms on two cores) covers a client's work between two requests (about 4 ms);
     * on a GPU a step takes longer. A slot freed by a client's request stays free at most this long when nothing else
     * waits in the queue.
     */
    static final int LAG = 1;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition boundary = lock.newCondition();
    private final Client[] clients;
    private final Consumer<SequenceRequest> validator;
    private final List<Ticket> submitted = new ArrayList<>();
    /** Steps delivered so far: the boundary before step {@code steps}. */
    private long steps;
    private int live;
    private RuntimeException stopped;

    ClientCoordinator(int count, Consumer<SequenceRequest> validator) {
        this.validator = validator;
        this.clients = new Client[count];
        for (int i = 0; i < count; i++) {
            clients[i] = new Client(i);
        }
        this.live = count;
    }

    GenerationClient client(int index) {
        return clients[index];
    }

    /**
     * Waits until no running client's deadline is at or before this boundary; returns the tickets submitted for it
     * (deadline reached), by deadline, then client index, each client's own in submission order. Returns an empty list
     * only when no request is due yet; see {@link #awaitAll()}.
     */
    List<Ticket> awaitBoundary() throws InterruptedException {
        lock.lock();
        try {
            while (anyRunningDueBy(steps)) {
                boundary.await();
            }
            return take(steps);
        } finally {
            lock.unlock();
        }
    }

    /**
     * For when nothing is in flight or queued: waits until no client runs and returns every submitted ticket, in the
     * order of {@link #awaitBoundary()}.
     */
    List<Ticket> awaitAll() throws InterruptedException {
        lock.lock();
        try {
            while (anyRunningDueBy(Long.MAX_VALUE)) {
                boundary.await();
            }
            return take(Long.MAX_VALUE);
        } finally {
            lock.unlock();
        }
    }

    private boolean anyRunningDueBy(long boundaryIndex) {
        for (Client c : clients) {
            if (c.running && c.deadline <= boundaryIndex) {
                return true;
            }
        }
        return false;
    }

    private List<Ticket> take(long boundaryIndex) {
        List<Ticket> due = new ArrayList<>();
        submitted.removeIf(t -> {
            if (t.joinsAt <= boundaryIndex) {
                due.add(t);
                return true;
            }
            return false;
        });
        due.sort(Comparator.comparingLong((Ticket t) -> t.joinsAt).thenComparingInt(t -> t.client));
        return due;
    }

    boolean hasLiveClients() {
        lock.lock();
        try {
            return live > 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a step and hands its completed tickets to their clients; a client whose last outstanding result this is
     * runs again, with its deadline {@value #LAG} steps after the next boundary.
     */
    void deliver(List<Ticket> done) {
        lock.lock();
        try {
            steps++;
            for (Ticket t : done) {
                Client c = clients[t.client];
                if (--c.outstanding == 0) {
                    c.running = true;
                    c.deadline = steps + LAG;
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
            clients[index].running = false;
            boundary.signal();
        } finally {
            lock.unlock();
        }
    }

    private final class Client implements GenerationClient {
        private final int index;
        private final Condition wake = lock.newCondition();
        private int outstanding;
        /** Every client runs from the start, due at the first boundary. */
        private boolean running = true;
        private long deadline;

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
                for (Ticket t : tickets) {
                    t.joinsAt = deadline;
                }
                submitted.addAll(tickets);
                outstanding = tickets.size();
                running = false;
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
