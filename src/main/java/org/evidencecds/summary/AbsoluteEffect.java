package org.evidencecds.summary;

/**
 * The anticipated absolute effect of a ratio estimate for an assumed control risk, as a GRADE summary of
 * findings gives it: the risk with the intervention (and its 95% CI, from the ratio's CI limits) and the
 * difference from the assumed risk, per 1,000 people.
 *
 * <p>For an odds ratio the risk with the intervention is OR·p / (1 − p + OR·p); for a risk ratio it is
 * RR·p, capped at 1 (a risk ratio applied to a high control risk can exceed certainty). The CI limits are
 * the same functions of the ratio's CI limits: both are monotone in the ratio, so the order is kept.
 *
 * @param controlRisk the assumed risk without the intervention, 0 to 1
 * @param risk the risk with the intervention
 * @param riskLow lower 95% limit of {@code risk}; null when the ratio's CI is not known
 * @param riskHigh upper 95% limit of {@code risk}; null when the ratio's CI is not known
 */
public record AbsoluteEffect(double controlRisk, double risk, Double riskLow, Double riskHigh) {

    public AbsoluteEffect {
        if (!(controlRisk >= 0 && controlRisk <= 1)) {
            throw new IllegalArgumentException("control risk must be between 0 and 1, was " + controlRisk);
        }
    }

    /** Odds ratio or risk ratio (measure "OR" or "RR") with optional CI limits, applied to a control risk. */
    public static AbsoluteEffect of(String measure, double controlRisk, double ratio, Double low, Double high) {
        return new AbsoluteEffect(controlRisk, apply(measure, controlRisk, ratio),
                low == null ? null : apply(measure, controlRisk, low), high == null ? null : apply(measure, controlRisk, high));
    }

    /** Whether a measure is one this applies to: a ratio of risks or odds. */
    public static boolean applies(String measure) {
        return "OR".equals(measure) || "RR".equals(measure);
    }

    static double apply(String measure, double p, double ratio) {
        if (!(ratio > 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("a ratio must be positive and finite, was " + ratio);
        }
        return switch (measure) {
            case "OR" -> ratio * p / (1 - p + ratio * p);
            case "RR" -> Math.min(1.0, ratio * p);
            default -> throw new IllegalArgumentException("no absolute effect for measure " + measure);
        };
    }

    /** Per 1,000, rounded to a whole number as GRADE tables print it. */
    public static long per1000(double risk) {
        return Math.round(risk * 1000);
    }

    public long controlPer1000() {
        return per1000(controlRisk);
    }

    public long riskPer1000() {
        return per1000(risk);
    }

    /** The difference per 1,000 (positive: more with the intervention), rounded from the unrounded risks. */
    public long differencePer1000() {
        return per1000(risk - controlRisk);
    }

    public Long differenceLowPer1000() {
        return riskLow == null ? null : per1000(riskLow - controlRisk);
    }

    public Long differenceHighPer1000() {
        return riskHigh == null ? null : per1000(riskHigh - controlRisk);
    }
}
