package xcot.zoo;

import xcot.tasks.toy.ToySplit;

/** The committed zoo evaluated once per test JVM (every condition, one thread per model), shared by the tests. */
final class CommittedEvaluation {
    private static ZooEvaluation evaluation;

    private CommittedEvaluation() {}

    static synchronized ZooEvaluation get() {
        if (evaluation == null) {
            long start = System.nanoTime();
            evaluation = ZooEvaluator.run(CommittedZoo.models(), ToySplit.heldOut(), 1, true, line -> {});
            System.out.printf("committed zoo evaluated in %.1f s%n", (System.nanoTime() - start) / 1e9);
            System.out.print(ZooTables.render(evaluation));
        }
        return evaluation;
    }
}
