package xcot.llm;

/** Waiting for the threads that drive models: they hold native state, so nobody leaves while one still runs. */
public final class Threads {
    private Threads() {}

    /**
     * Joins every thread, even when interrupted: the models are still in use until every call returns, so the
     * interrupt is passed on (the flag set again) only after all of them have ended.
     */
    public static void joinAll(Thread[] threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
