package xcot.runs.store;

import xcot.methods.Generated;

/** A stored generation and the decode time it took when it was made. */
public record StoredGeneration(Generated generated, long decodeNanos) {}
