package org.evidencecds.meta;

import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Estimators of the between-study variance tau² for an intercept-only model or a one-way factor model
 * (subgroups sharing one tau², as metafor's {@code rma(yi, vi, mods = ~ factor(g))}).
 *
 * <p>{@code group[i]} is the level index (0 .. levels-1) of study i; an intercept-only model has every
 * study in level 0. For these two designs every matrix of the general meta-regression formulas is
 * block-diagonal, so all quantities reduce to per-level sums and each estimate costs O(k) per iteration.
 */
final class Tau2 {

    /** Fisher scoring stops when tau² changes by less than this (metafor's threshold, set tight). */
    static final double THRESHOLD = 1e-12;
    static final int MAX_ITERATIONS = 10_000;
    /** Fisher scoring iterations before falling back to a bracketing root finder on the REML score. */
    static final int FISHER_ITERATIONS = 1_000;
    /** Paule-Mandel root accuracy (metafor's uniroot tol, set tight). */
    static final double PM_ACCURACY = 1e-14;

    private Tau2() {
    }

    static double estimate(Method method, double[] y, double[] v, int[] group, int levels) {
        return switch (method) {
            case FE, MH -> 0.0;
            case DL -> dersimonianLaird(y, v, group, levels);
            case REML -> reml(y, v, group, levels);
            case PM -> pauleMandel(y, v, group, levels);
        };
    }

    /** Method-of-moments estimator from the fixed-effect residual Q. */
    static double dersimonianLaird(double[] y, double[] v, int[] group, int levels) {
        int k = y.length;
        if (k - levels < 1) {
            return 0.0;
        }
        double[] sw = new double[levels];
        double[] swy = new double[levels];
        double[] sw2 = new double[levels];
        for (int i = 0; i < k; i++) {
            double w = 1 / v[i];
            sw[group[i]] += w;
            swy[group[i]] += w * y[i];
            sw2[group[i]] += w * w;
        }
        double q = 0;
        for (int i = 0; i < k; i++) {
            double mu = swy[group[i]] / sw[group[i]];
            double r = y[i] - mu;
            q += r * r / v[i];
        }
        double c = 0;
        for (int j = 0; j < levels; j++) {
            if (sw[j] > 0) {
                c += sw[j] - sw2[j] / sw[j];
            }
        }
        return Math.max(0.0, (q - (k - levels)) / c);
    }

    /**
     * Restricted maximum likelihood by Fisher scoring, as metafor does it, truncated at 0. On some data
     * Fisher scoring with full steps oscillates around the maximum for ever (metafor then stops with "did
     * not converge"); the same maximum is then found as the root of the REML score with a bracketing
     * solver, which cannot oscillate.
     */
    static double reml(double[] y, double[] v, int[] group, int levels) {
        int k = y.length;
        if (k - levels < 1) {
            return 0.0;
        }
        double scored = fisherScoring(y, v, group, levels);
        return Double.isNaN(scored) ? remlScoreRoot(y, v, group, levels) : scored;
    }

    /** REML score (up to the factor 1/2): y'PPy - tr(P); zero at an interior maximum. */
    static double remlScore(double tau2, double[] y, double[] v, int[] group, int levels) {
        double[] sw = new double[levels];
        double[] swy = new double[levels];
        double[] sw2 = new double[levels];
        for (int i = 0; i < y.length; i++) {
            double w = 1 / (v[i] + tau2);
            sw[group[i]] += w;
            swy[group[i]] += w * y[i];
            sw2[group[i]] += w * w;
        }
        double yPPy = 0;
        for (int i = 0; i < y.length; i++) {
            double py = (y[i] - swy[group[i]] / sw[group[i]]) / (v[i] + tau2);
            yPPy += py * py;
        }
        double trP = 0;
        for (int j = 0; j < levels; j++) {
            if (sw[j] > 0) {
                trP += sw[j] - sw2[j] / sw[j];
            }
        }
        return yPPy - trP;
    }

    private static double remlScoreRoot(double[] y, double[] v, int[] group, int levels) {
        if (remlScore(0.0, y, v, group, levels) <= 0) {
            return 0.0;
        }
        double upper = 1.0;
        while (remlScore(upper, y, v, group, levels) > 0) {
            upper *= 10;
            if (upper > 1e12) {
                throw new ArithmeticException("REML estimate of tau² could not be bracketed");
            }
        }
        return new BrentSolver(1e-300, PM_ACCURACY, 1e-300)
                .solve(1_000_000, t -> remlScore(t, y, v, group, levels), 0.0, upper);
    }

    /** metafor's Fisher scoring from the Hedges estimate; NaN when it does not converge. */
    private static double fisherScoring(double[] y, double[] v, int[] group, int levels) {
        int k = y.length;
        double tau2 = Math.max(0.0, hedgesStart(y, v, group, levels));
        double[] sw = new double[levels];
        double[] swy = new double[levels];
        double[] sw2 = new double[levels];
        double[] sw3 = new double[levels];
        for (int iteration = 0; iteration < FISHER_ITERATIONS; iteration++) {
            java.util.Arrays.fill(sw, 0);
            java.util.Arrays.fill(swy, 0);
            java.util.Arrays.fill(sw2, 0);
            java.util.Arrays.fill(sw3, 0);
            for (int i = 0; i < k; i++) {
                double w = 1 / (v[i] + tau2);
                int g = group[i];
                sw[g] += w;
                swy[g] += w * y[i];
                sw2[g] += w * w;
                sw3[g] += w * w * w;
            }
            double yPPy = 0;
            for (int i = 0; i < k; i++) {
                double w = 1 / (v[i] + tau2);
                double py = w * (y[i] - swy[group[i]] / sw[group[i]]);
                yPPy += py * py;
            }
            double trP = 0;
            double trPP = 0;
            for (int j = 0; j < levels; j++) {
                if (sw[j] > 0) {
                    trP += sw[j] - sw2[j] / sw[j];
                    trPP += sw2[j] - 2 * sw3[j] / sw[j] + (sw2[j] * sw2[j]) / (sw[j] * sw[j]);
                }
            }
            double adjustment = (yPPy - trP) / trPP;
            while (tau2 + adjustment < 0) {
                adjustment /= 2;
            }
            tau2 += adjustment;
            if (Math.abs(adjustment) < THRESHOLD) {
                return Math.max(0.0, tau2);
            }
        }
        return Double.NaN;
    }

    /** Paule-Mandel: the tau² at which the generalised Q equals its degrees of freedom. */
    static double pauleMandel(double[] y, double[] v, int[] group, int levels) {
        int k = y.length;
        int df = k - levels;
        if (df < 1) {
            return 0.0;
        }
        if (generalisedQ(0.0, y, v, group, levels) <= df) {
            return 0.0;
        }
        double upper = 100.0;
        while (generalisedQ(upper, y, v, group, levels) > df) {
            upper *= 10;
            if (upper > 1e12) {
                throw new ArithmeticException("Paule-Mandel estimate of tau² could not be bracketed");
            }
        }
        BrentSolver solver = new BrentSolver(1e-300, PM_ACCURACY, 1e-300);
        return solver.solve(1_000_000, t -> generalisedQ(t, y, v, group, levels) - df, 0.0, upper);
    }

    static double generalisedQ(double tau2, double[] y, double[] v, int[] group, int levels) {
        double[] sw = new double[levels];
        double[] swy = new double[levels];
        for (int i = 0; i < y.length; i++) {
            double w = 1 / (v[i] + tau2);
            sw[group[i]] += w;
            swy[group[i]] += w * y[i];
        }
        double q = 0;
        for (int i = 0; i < y.length; i++) {
            double r = y[i] - swy[group[i]] / sw[group[i]];
            q += r * r / (v[i] + tau2);
        }
        return q;
    }

    /** Hedges' (unweighted method-of-moments) estimator, metafor's starting value for REML. */
    private static double hedgesStart(double[] y, double[] v, int[] group, int levels) {
        int k = y.length;
        double[] n = new double[levels];
        double[] sy = new double[levels];
        for (int i = 0; i < k; i++) {
            n[group[i]]++;
            sy[group[i]] += y[i];
        }
        double rss = 0;
        double trace = 0;
        for (int i = 0; i < k; i++) {
            double r = y[i] - sy[group[i]] / n[group[i]];
            rss += r * r;
            trace += v[i] * (1 - 1 / n[group[i]]);
        }
        return (rss - trace) / (k - levels);
    }
}
