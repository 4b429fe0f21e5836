package xcot.cli;

import picocli.CommandLine.Option;
import xcot.metrics.BootstrapSpec;

/** The bootstrap options every scoring command takes (a picocli mixin). */
final class BootstrapOptions {
    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "10000",
            description = "bootstrap resamples for the 95%% intervals (default ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "bootstrap seed (default ${DEFAULT-VALUE})")
    long seed;

    BootstrapSpec spec() {
        return new BootstrapSpec(resamples, seed);
    }
}
