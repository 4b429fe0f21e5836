package xcot.runs.export;

import java.util.List;

/** The names of the files a run writes into its folder. */
public final class RunFiles {
    /** Every exported record in xcot's JSONL format ({@link xcot.formats.XcotJsonl}). */
    public static final String ANSWERS = "answers.jsonl";
    /** The reference implementation's MedCalc output files, for MedCalc runs. */
    public static final String GENEX_DIR = "genex-medcalc";
    /** The ensembles' per-iteration traces, when ensembles ran. */
    public static final String TRACES = "ensemble-traces.jsonl";
    /** The resolved config, every default filled in: a rerun into the folder must match it. */
    public static final String CONFIG = "config.yaml";
    /** Provenance: versions, machine, timings, models with their hashes ({@code formatVersion} 1). */
    public static final String RUN_JSON = "run.json";
    /** llama.cpp's log of the run (on stderr only with {@code --verbose}). */
    public static final String LOG = "run.log";
    /** The content keys of every cached generation, attempt, sanitized CoT and ensemble CoT the run used. */
    public static final String CACHE_KEYS = "cache-keys.tsv";
    /** Held (an OS file lock) while a process writes the folder. */
    public static final String LOCK = "run.lock";
    /** The printed summary with every setting's {@code xcot score} command. */
    public static final String SUMMARY = "summary.txt";
    /** Where {@code xcot report} writes by default. */
    public static final String REPORT_DIR = "report";
    /** The run folder's own store of xcot versions before the shared cache (removed with the outputs). */
    public static final String LEGACY_STORE = "store.sqlite";

    /**
     * Everything a run leaves in its folder besides the lock: what {@code --force} removes before a run of another
     * config. Other files in the folder are never touched.
     */
    public static final List<String> OUTPUTS = List.of(ANSWERS, ANSWERS + ".tmp", GENEX_DIR, TRACES, TRACES + ".tmp",
            CONFIG, RUN_JSON, LOG, CACHE_KEYS, SUMMARY, REPORT_DIR, LEGACY_STORE, LEGACY_STORE + "-wal",
            LEGACY_STORE + "-shm");

    private RunFiles() {}
}
