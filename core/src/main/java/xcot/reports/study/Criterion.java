package xcot.reports.study;

/** What participants rated: three 1–5 scales, and the best-overall rank scored as 6 − rank (as the paper does). */
public enum Criterion {
    CLARITY("Clarity", "Clarity of Steps"),
    EASE("Ease", "Ease of Following"),
    CONFIDENCE("Confidence", "Confidence"),
    BEST("Best (6 − rank)", "best-overall");

    private final String label;
    private final String surveyText;

    Criterion(String label, String surveyText) {
        this.label = label;
        this.surveyText = surveyText;
    }

    public String label() {
        return label;
    }

    static Criterion ofSurveyText(String text) {
        for (Criterion c : values()) {
            if (c.surveyText.equals(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown criterion '" + text + "'");
    }
}
