package org.evidencecds.meta;

import java.util.List;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Egger's regression test in both of metafor's forms ({@code regtest(model = "lm")} and
 * {@code regtest(model = "rma")}, predictor sei). Needs at least 3 studies.
 */
public final class Egger {

    private Egger() {
    }

    /** Classic Egger test: standard normal deviate yi/sei regressed on precision 1/sei. */
    public static EggerResult classic(List<EffectSize> effects) {
        int k = requireThree(effects);
        SimpleRegression regression = new SimpleRegression(true);
        for (EffectSize e : effects) {
            regression.addData(1 / e.sei(), e.yi() / e.sei());
        }
        double bias = regression.getIntercept();
        double se = regression.getInterceptStdErr();
        double t = bias / se;
        double df = k - 2;
        return new EggerResult("lm", k, bias, se, t, df, Stats.twoSidedTP(t, df), regression.getSlope(), Double.NaN);
    }

    /** metafor's default: yi = b0 + b1·sei in the meta-analytic model of the given method. */
    public static EggerResult metaRegression(List<EffectSize> effects, MetaOptions options) {
        int k = requireThree(effects);
        double[] y = new double[k];
        double[] v = new double[k];
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            y[i] = effects.get(i).yi();
            v[i] = effects.get(i).vi();
            x[i] = effects.get(i).sei();
        }
        Method method = options.method() == Method.MH ? Method.FE : options.method();
        double tau2 = switch (method) {
            case FE, MH -> 0.0;
            case DL -> dl(y, v, x);
            case REML -> reml(y, v, x);
            case PM -> pm(y, v, x);
        };
        Wls fit = Wls.of(y, v, x, tau2);
        double varSlope = fit.a11;
        double df = Double.NaN;
        if (options.hksj()) {
            varSlope *= fit.weightedRss() / (k - 2);
            df = k - 2;
        }
        double se = Math.sqrt(varSlope);
        double stat = fit.b1 / se;
        double p = options.hksj() ? Stats.twoSidedTP(stat, df) : Stats.twoSidedNormalP(stat);
        return new EggerResult("rma", k, fit.b1, se, stat, df, p, fit.b0, tau2);
    }

    private static int requireThree(List<EffectSize> effects) {
        if (effects.size() < 3) {
            throw new IllegalArgumentException("Egger's test needs at least 3 studies, got " + effects.size());
        }
        return effects.size();
    }

    /** DerSimonian-Laird for a model with intercept and one covariate. */
    static double dl(double[] y, double[] v, double[] x) {
        Wls fe = Wls.of(y, v, x, 0.0);
        double sw = 0;
        for (double vi : v) {
            sw += 1 / vi;
        }
        // tr((X'WX)^-1 X'W²X)
        double trace = fe.traceAM(2);
        return Math.max(0.0, (fe.weightedRss() - (y.length - 2)) / (sw - trace));
    }

    /** REML by Fisher scoring (metafor's algorithm), P = W - W X (X'WX)^-1 X'W. */
    static double reml(double[] y, double[] v, double[] x) {
        int k = y.length;
        double tau2 = Math.max(0.0, hedges(y, v, x));
        for (int iteration = 0; iteration < Tau2.MAX_ITERATIONS; iteration++) {
            Wls fit = Wls.of(y, v, x, tau2);
            double yPPy = 0;
            double sw = 0;
            double sw2 = 0;
            for (int i = 0; i < k; i++) {
                double w = 1 / (v[i] + tau2);
                double r = y[i] - fit.b0 - fit.b1 * x[i];
                yPPy += (w * r) * (w * r);
                sw += w;
                sw2 += w * w;
            }
            double trP = sw - fit.traceAM(2);
            double trPP = sw2 - 2 * fit.traceAM(3) + fit.traceAMAM(2);
            double adjustment = (yPPy - trP) / trPP;
            while (tau2 + adjustment < 0) {
                adjustment /= 2;
            }
            tau2 += adjustment;
            if (Math.abs(adjustment) < Tau2.THRESHOLD) {
                return Math.max(0.0, tau2);
            }
        }
        throw new ArithmeticException("REML estimate of tau² did not converge");
    }

    static double pm(double[] y, double[] v, double[] x) {
        int df = y.length - 2;
        if (Wls.of(y, v, x, 0.0).weightedRss() <= df) {
            return 0.0;
        }
        double upper = 100;
        while (Wls.of(y, v, x, upper).weightedRss() > df) {
            upper *= 10;
        }
        return new BrentSolver(1e-300, Tau2.PM_ACCURACY, 1e-300)
                .solve(1_000_000, t -> Wls.of(y, v, x, t).weightedRss() - df, 0.0, upper);
    }

    /** Hedges' estimator (ordinary least squares residuals), metafor's REML starting value. */
    private static double hedges(double[] y, double[] v, double[] x) {
        double[] ones = new double[y.length];
        java.util.Arrays.fill(ones, 1.0);
        Wls ols = Wls.of(y, ones, x, 0.0);
        double rss = ols.weightedRss();
        double trace = 0;
        for (int i = 0; i < y.length; i++) {
            // hat value of OLS: [1 x] A [1 x]'
            double h = ols.a00 + 2 * ols.a01 * x[i] + ols.a11 * x[i] * x[i];
            trace += v[i] * (1 - h);
        }
        return (rss - trace) / (y.length - 2);
    }

    /** Weighted least squares of y on [1, x] with weights 1/(v + tau2), and the 2x2 algebra REML needs. */
    private static final class Wls {
        final double[] y;
        final double[] v;
        final double[] x;
        final double tau2;
        final double a00;
        final double a01;
        final double a11;
        final double b0;
        final double b1;

        private Wls(double[] y, double[] v, double[] x, double tau2) {
            this.y = y;
            this.v = v;
            this.x = x;
            this.tau2 = tau2;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double t0 = 0;
            double t1 = 0;
            for (int i = 0; i < y.length; i++) {
                double w = 1 / (v[i] + tau2);
                s0 += w;
                s1 += w * x[i];
                s2 += w * x[i] * x[i];
                t0 += w * y[i];
                t1 += w * x[i] * y[i];
            }
            double det = s0 * s2 - s1 * s1;
            a00 = s2 / det;
            a01 = -s1 / det;
            a11 = s0 / det;
            b0 = a00 * t0 + a01 * t1;
            b1 = a01 * t0 + a11 * t1;
        }

        static Wls of(double[] y, double[] v, double[] x, double tau2) {
            return new Wls(y, v, x, tau2);
        }

        double weightedRss() {
            double rss = 0;
            for (int i = 0; i < y.length; i++) {
                double r = y[i] - b0 - b1 * x[i];
                rss += r * r / (v[i] + tau2);
            }
            return rss;
        }

        /** M = X'W^p X as [m00, m01, m11]. */
        private double[] moment(int power) {
            double m00 = 0;
            double m01 = 0;
            double m11 = 0;
            for (int i = 0; i < y.length; i++) {
                double w = Math.pow(1 / (v[i] + tau2), power);
                m00 += w;
                m01 += w * x[i];
                m11 += w * x[i] * x[i];
            }
            return new double[] {m00, m01, m11};
        }

        /** tr(A · X'W^p X) with A = (X'WX)^-1. */
        double traceAM(int power) {
            double[] m = moment(power);
            return a00 * m[0] + 2 * a01 * m[1] + a11 * m[2];
        }

        /** tr(A M A M) with M = X'W^p X. */
        double traceAMAM(int power) {
            double[] m = moment(power);
            // B = A M (2x2, not symmetric)
            double b00 = a00 * m[0] + a01 * m[1];
            double b01 = a00 * m[1] + a01 * m[2];
            double b10 = a01 * m[0] + a11 * m[1];
            double b11 = a01 * m[1] + a11 * m[2];
            return b00 * b00 + 2 * b01 * b10 + b11 * b11;
        }
    }
}
