package xcot.reports;

import xcot.metrics.AgreementRule;
import xcot.reference.Quirks;
import xcot.tasks.catalog.BenchmarkCatalog;

/** The agreement rule of a benchmark named in records, as {@code xcot score} and {@code xcot run} use it. */
final class Agreement {
    private Agreement() {}

    static AgreementRule of(String benchmark, Quirks scoring) {
        return BenchmarkCatalog.byId(benchmark).orElseThrow(() -> new IllegalArgumentException("unknown benchmark '"
                + benchmark + "' (known: " + BenchmarkCatalog.names() + ")"))
                .agreementRule(BenchmarkCatalog.Scoring.of(scoring));
    }
}
