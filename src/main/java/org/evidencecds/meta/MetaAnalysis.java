package org.evidencecds.meta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pools effect sizes: fixed-effect inverse variance, Mantel-Haenszel, and random effects (DL, REML, PM),
 * optionally with the Hartung-Knapp-Sidik-Jonkman adjustment. Results agree with R metafor's
 * {@code rma.uni} and {@code rma.mh} (see the reference tests).
 */
public final class MetaAnalysis {

    private MetaAnalysis() {
    }

    /** Binary data: log OR or log RR, by any method (MH uses the counts, the others the effect sizes). */
    public static MetaResult binary(List<BinaryStudy> studies, Measure measure, MetaOptions options) {
        if (options.method() == Method.MH) {
            return MantelHaenszel.fit(studies, measure);
        }
        return fit(EffectSizes.binary(studies, measure, options.doubleZero()), measure, options);
    }

    /** Continuous data: MD or SMD, by an inverse-variance method. */
    public static MetaResult continuous(List<ContinuousStudy> studies, Measure measure, MetaOptions options) {
        if (options.method() == Method.MH) {
            throw new IllegalArgumentException("Mantel-Haenszel pools binary data only (OR, RR), not " + measure);
        }
        return fit(EffectSizes.continuous(studies, measure), measure, options);
    }

    /** Inverse-variance pooling of precomputed effect sizes (any method but MH). */
    public static MetaResult fit(List<EffectSize> effects, Measure measure, MetaOptions options) {
        if (options.method() == Method.MH) {
            throw new IllegalArgumentException("Mantel-Haenszel needs the 2x2 counts, not effect sizes");
        }
        int k = effects.size();
        if (k == 0) {
            throw new IllegalArgumentException("no studies to pool");
        }
        double[] y = new double[k];
        double[] v = new double[k];
        List<String> labels = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            y[i] = effects.get(i).yi();
            v[i] = effects.get(i).vi();
            labels.add(effects.get(i).study());
        }
        return fit(y, v, labels, measure, options);
    }

    static MetaResult fit(double[] y, double[] v, List<String> labels, Measure measure, MetaOptions options) {
        int k = y.length;
        int[] oneGroup = new int[k];
        double tau2 = Tau2.estimate(options.method(), y, v, oneGroup, 1);

        // Fixed-effect sums: Q and the typical within-study variance for I²
        double sw = 0;
        double sw2 = 0;
        double swy = 0;
        for (int i = 0; i < k; i++) {
            double w = 1 / v[i];
            sw += w;
            sw2 += w * w;
            swy += w * y[i];
        }
        double muFixed = swy / sw;
        double q = 0;
        for (int i = 0; i < k; i++) {
            double r = y[i] - muFixed;
            q += r * r / v[i];
        }
        int qDf = k - 1;

        double swStar = 0;
        double swyStar = 0;
        double[] wStar = new double[k];
        for (int i = 0; i < k; i++) {
            wStar[i] = 1 / (v[i] + tau2);
            swStar += wStar[i];
            swyStar += wStar[i] * y[i];
        }
        double mu = swyStar / swStar;
        double se = Math.sqrt(1 / swStar);
        double statDf = Double.NaN;
        double crit = Stats.Z_975;
        if (options.hksj()) {
            if (k < 2) {
                throw new IllegalArgumentException("the Hartung-Knapp adjustment needs at least 2 studies");
            }
            double s = 0;
            for (int i = 0; i < k; i++) {
                double r = y[i] - mu;
                s += wStar[i] * r * r;
            }
            se = Math.sqrt(s / ((k - 1) * swStar));
            statDf = k - 1;
            crit = Stats.tQuantile975(statDf);
        }
        double stat = mu / se;
        double p = options.hksj() ? Stats.twoSidedTP(stat, statDf) : Stats.twoSidedNormalP(stat);

        double i2FromQ = qDf > 0 ? (q > 0 ? Math.max(0, 100 * (q - qDf) / q) : 0.0) : Double.NaN;
        double h2FromQ = qDf > 0 ? q / qDf : Double.NaN;
        double i2;
        double h2;
        if (options.method().isRandomEffects()) {
            double typical = (k - 1) * sw / (sw * sw - sw2);
            i2 = qDf > 0 ? 100 * tau2 / (typical + tau2) : Double.NaN;
            h2 = qDf > 0 ? (typical + tau2) / typical : Double.NaN;
        } else {
            i2 = i2FromQ;
            h2 = h2FromQ;
        }

        double piLow = Double.NaN;
        double piHigh = Double.NaN;
        double piTLow = Double.NaN;
        double piTHigh = Double.NaN;
        double piHtsLow = Double.NaN;
        double piHtsHigh = Double.NaN;
        if (options.method().isRandomEffects()) {
            double spread = Math.sqrt(tau2 + se * se);
            double piCrit = options.hksj() ? crit : Stats.Z_975;
            piLow = mu - piCrit * spread;
            piHigh = mu + piCrit * spread;
            if (k - 1 >= 1) {
                double t1 = Stats.tQuantile975(k - 1);
                piTLow = mu - t1 * spread;
                piTHigh = mu + t1 * spread;
            }
            if (k - 2 >= 1) {
                double t2 = Stats.tQuantile975(k - 2);
                piHtsLow = mu - t2 * spread;
                piHtsHigh = mu + t2 * spread;
            }
        }

        Double[] weights = new Double[k];
        for (int i = 0; i < k; i++) {
            weights[i] = 100 * wStar[i] / swStar;
        }
        return new MetaResult(measure, options.method(), options.hksj(), k,
                mu, se, mu - crit * se, mu + crit * se, stat, statDf, p,
                tau2, i2, h2, i2FromQ, h2FromQ, q, qDf, Stats.chiSquareUpper(q, qDf),
                piLow, piHigh, piTLow, piTHigh, piHtsLow, piHtsHigh, labels, Arrays.asList(weights));
    }
}
