package xcot.bench;

import jdk.incubator.vector.FloatVector;

/**
 * Prints what a benchmark number depends on besides the CPU (which {@code bench/run-benchmarks.sh} reads from
 * {@code lscpu}): the JVM and the Vector API's preferred species, i.e. how many floats one kernel vector holds.
 */
public final class BenchEnvironment {
    private BenchEnvironment() {}

    public static void main(String[] args) {
        System.out.println("jdk: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        System.out.println("os.arch: " + System.getProperty("os.arch"));
        System.out.println("available processors: " + Runtime.getRuntime().availableProcessors());
        System.out.println("preferred float species: " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit, "
                + FloatVector.SPECIES_PREFERRED.length() + " lanes");
    }
}
