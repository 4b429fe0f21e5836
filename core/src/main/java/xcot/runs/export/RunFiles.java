package xcot.runs.export;

/** The names of the files a run writes into its folder. */
public final class RunFiles {
    /** Every exported record in xcot's JSONL format ({@link xcot.formats.XcotJsonl}). */
    public static final String ANSWERS = "answers.jsonl";
    /** The reference implementation's MedCalc output files, for MedCalc runs. */
    public static final String GENEX_DIR = "genex-medcalc";
    /** The ensembles' per-iteration traces, when ensembles ran. */
    public static final String TRACES = "ensemble-traces.jsonl";

    private RunFiles() {}
}
