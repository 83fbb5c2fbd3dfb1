package org.evidencecds.meta;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * Distribution look-ups from Commons Math, written so that tiny p-values keep their precision (upper
 * tails are computed directly, never as 1 - cdf).
 */
final class Stats {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1, 1e-14);
    static final double Z_975 = NORMAL.inverseCumulativeProbability(0.975);

    private Stats() {
    }

    static double twoSidedNormalP(double z) {
        return 2 * NORMAL.cumulativeProbability(-Math.abs(z));
    }

    static double twoSidedTP(double t, double df) {
        return 2 * new TDistribution(null, df, 1e-14).cumulativeProbability(-Math.abs(t));
    }

    /** t quantiles for whole df are cached: computing one inverts the cdf with a solver (~microseconds). */
    private static final double[] T975 = new double[4097];

    static double tQuantile975(double df) {
        if (df == Math.rint(df) && df >= 1 && df < T975.length) {
            int i = (int) df;
            double q = T975[i];
            if (q == 0) {
                q = new TDistribution(null, df, 1e-14).inverseCumulativeProbability(0.975);
                T975[i] = q; // idempotent: racing threads store the same value
            }
            return q;
        }
        return new TDistribution(null, df, 1e-14).inverseCumulativeProbability(0.975);
    }

    /** P(X > x) for X ~ chi-square(df), via the regularised upper incomplete gamma function. */
    static double chiSquareUpper(double x, double df) {
        if (df <= 0 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        return Gamma.regularizedGammaQ(df / 2, x / 2);
    }
}
