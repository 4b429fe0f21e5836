package xcot.reports.study;

/**
 * The four chains of thought the study's participants rated, in the paper's table order. The survey showed them
 * under colour names; its first header row names each colour's chain.
 */
public enum RatedCot {
    ENSEMBLE_QWQ_DAPO_OSS("Ensemble QwQ+DAPO/OSS", "green", "dapo-qwq-oss-comb-1"),
    DAPO("DAPO", "blue", "dapo-qwen"),
    ENSEMBLE_QWQ_OSS_DAPO("Ensemble QwQ+OSS/DAPO", "purple", "qwq-oss-dapo-comb-2"),
    OSS("OSS", "orange", "gpt-oss-20b");

    private final String label;
    private final String colour;
    private final String surveyName;

    RatedCot(String label, String colour, String surveyName) {
        this.label = label;
        this.colour = colour;
        this.surveyName = surveyName;
    }

    public String label() {
        return label;
    }

    /** The colour name the survey showed it under ({@code orange-model-185}, {@code Orange Model}). */
    public String colour() {
        return colour;
    }

    /** The chain's name in the survey export's first header row ({@code gpt-oss-20b_1}). */
    public String surveyName() {
        return surveyName;
    }

    static RatedCot ofColour(String colour) {
        for (RatedCot c : values()) {
            if (c.colour.equalsIgnoreCase(colour)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown colour '" + colour + "'");
    }
}
