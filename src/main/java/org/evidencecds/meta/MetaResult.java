package org.evidencecds.meta;

import java.util.List;

/**
 * One pooled estimate with everything a reader needs to judge it. Ratio measures are on the log scale;
 * {@link #ratio()} and friends give the natural scale. Values that do not exist for the fit (the
 * prediction interval of a fixed-effect model, the HTS interval when k = 2, I² when k = 1) are NaN.
 *
 * @param statDf degrees of freedom of a t statistic (Hartung-Knapp), NaN for a z statistic
 * @param i2 I² as metafor reports it (depends on the tau² estimator; for FE and MH it is the Q-based value)
 * @param i2FromQ I² from Q, (Q - df)/Q, as R meta and RevMan report it
 * @param piLow prediction interval as metafor's predict(): normal quantile, or t(k-1) with Hartung-Knapp
 * @param piTLow prediction interval with a t(k-1) quantile (R meta 8.x)
 * @param piHtsLow prediction interval with a t(k-2) quantile (Higgins-Thompson-Spiegelhalter, Cochrane)
 * @param weightsPercent per-study weights in percent, in input order
 */
public record MetaResult(
        Measure measure, Method method, boolean hksj, int k,
        double estimate, double se, double ciLow, double ciHigh,
        double stat, double statDf, double pValue,
        double tau2, double i2, double h2, double i2FromQ, double h2FromQ,
        double q, int qDf, double qPValue,
        double piLow, double piHigh, double piTLow, double piTHigh, double piHtsLow, double piHtsHigh,
        List<String> studies, List<Double> weightsPercent) {

    public MetaResult {
        studies = List.copyOf(studies);
        weightsPercent = List.copyOf(weightsPercent);
    }

    public double ratio() {
        return exp(estimate);
    }

    public double ratioCiLow() {
        return exp(ciLow);
    }

    public double ratioCiHigh() {
        return exp(ciHigh);
    }

    public double ratioPiLow() {
        return exp(piLow);
    }

    public double ratioPiHigh() {
        return exp(piHigh);
    }

    /** The statistic's name: t with Hartung-Knapp, z otherwise. */
    public String statName() {
        return Double.isNaN(statDf) ? "z" : "t";
    }

    private double exp(double v) {
        return measure != null && measure.isRatio() ? Math.exp(v) : Double.NaN;
    }
}
