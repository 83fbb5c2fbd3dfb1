package org.evidencecds.meta;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Regression tests for small-study effects (funnel-plot asymmetry) made for binary outcomes on the
 * log odds ratio, where Egger's test is known to reject too often: the log OR and its standard error
 * are correlated even without bias. Each test needs at least 3 studies in the regression (t test on
 * k - 2 df).
 *
 * <ul>
 *   <li>{@link #peters}: Peters' test as published (Peters et al., JAMA 2006;295:676-80): ln(OR)
 *       regressed on 1/N with weights S·F/N (N the study's total size, S and F its total events and
 *       non-events); the test is on the slope. Agrees with {@code lm(yi ~ I(1/N), weights = S*F/N)} and
 *       with {@code meta::metabias(method.bias = "Peters")}.</li>
 *   <li>{@link #petersMetafor}: metafor's {@code regtest(rma(yi, vi), model = "lm", predictor = "ninv")}:
 *       the same regressor 1/N but inverse-variance weights 1/vi. metafor's help page does not call this
 *       Peters' test (it cites Peters et al. only among the many variants of the regression test), and
 *       its weights are not Peters' weights, so the two disagree (on dat.bcg: slope -623.7, p = 0.168,
 *       against Peters' -563.7, p = 0.200).</li>
 *   <li>{@link #harbord}: Harbord's modified test (Harbord, Egger, Sterne, Stat Med 2006;25:3443-57):
 *       Z/√V regressed on √V by ordinary least squares, Z = a - (a+b)(a+c)/N the efficient score and
 *       V = (a+b)(c+d)(a+c)(b+d) / (N²(N-1)) the score variance of the log OR at OR = 1 (a, b events and
 *       non-events in the treatment arm, c, d in the control arm); the test is on the intercept. Agrees
 *       with {@code meta::metabias(method.bias = "Harbord")}.</li>
 * </ul>
 *
 * <p>For a certainty rating use {@link #peters} (or {@link #harbord}), not {@link #petersMetafor}:
 * Peters' test is defined with the weights S·F/N, R meta (the R implementation that names the test)
 * uses those weights, and metafor's documentation makes no claim that its ninv form is Peters' test.
 * R meta uses Harbord's test by default for odds ratios (citing Sterne et al., BMJ 2011;343:d4002).
 * That guidance also asks for at least 10 studies. The 3 studies required here are the statistical
 * minimum; the caller applies any policy minimum.
 *
 * <p>Zero cells: ln(OR) in Peters' test and in metafor's form has 0.5 added to all four cells of a study
 * with a zero cell (metafor's {@code escalc(add = 1/2, to = "only0")}, also R meta's default), while
 * Peters' weights S·F/N use the raw counts. Harbord's Z and V use the raw counts only, with no
 * correction. A double-zero study (no events, or only events, in both arms) has weight S·F/N = 0 and
 * V = 0: {@link #peters} and {@link #harbord} leave it out and do not count it in k, as R meta does.
 * {@link #petersMetafor} keeps it (with its corrected ln OR and vi) unless told to drop it, like
 * metafor's default {@code drop00 = FALSE}.
 */
public final class SmallStudyTests {

    public static final String PETERS = "peters";
    public static final String PETERS_METAFOR = "peters-metafor";
    public static final String HARBORD = "harbord";

    private SmallStudyTests() {
    }

    /** Peters' test: weighted regression of ln(OR) on 1/N with weights S·F/N; t test of the slope. */
    public static SmallStudyTestResult peters(List<BinaryStudy> studies) {
        List<BinaryStudy> informative = withoutDoubleZero(studies, "Peters' test");
        int k = informative.size();
        double[] x = new double[k];
        double[] y = new double[k];
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            BinaryStudy s = informative.get(i);
            double n = total(s);
            double events = (double) s.eventsT() + s.eventsC();
            x[i] = 1 / n;
            y[i] = EffectSizes.binary(s, Measure.OR).yi();
            w[i] = events * (n - events) / n;
        }
        requireVarying(x, "Peters' test needs studies of different total sample sizes");
        return weightedLine(PETERS, x, y, w);
    }

    /**
     * metafor's {@code regtest(model = "lm", predictor = "ninv")} on the log OR: weighted regression of
     * yi on 1/N with inverse-variance weights 1/vi; t test of the slope. Double-zero studies are kept
     * (metafor's default) or dropped as asked.
     */
    public static SmallStudyTestResult petersMetafor(List<BinaryStudy> studies, DoubleZeroPolicy doubleZero) {
        List<BinaryStudy> kept = new ArrayList<>(studies.size());
        for (BinaryStudy s : studies) {
            if (!(doubleZero == DoubleZeroPolicy.DROP && s.isDoubleZero())) {
                kept.add(s);
            }
        }
        requireThree(kept.size(), "metafor's regression test on 1/N", "");
        int k = kept.size();
        double[] x = new double[k];
        double[] y = new double[k];
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            EffectSize e = EffectSizes.binary(kept.get(i), Measure.OR);
            x[i] = 1 / total(kept.get(i));
            y[i] = e.yi();
            w[i] = 1 / e.vi();
        }
        requireVarying(x, "metafor's regression test on 1/N needs studies of different total sample sizes");
        return weightedLine(PETERS_METAFOR, x, y, w);
    }

    /** Harbord's test: Z/√V on √V by ordinary least squares, from the raw counts; t test of the intercept. */
    public static SmallStudyTestResult harbord(List<BinaryStudy> studies) {
        List<BinaryStudy> informative = withoutDoubleZero(studies, "Harbord's test");
        int k = informative.size();
        double[] sqrtV = new double[k];
        SimpleRegression regression = new SimpleRegression(true);
        for (int i = 0; i < k; i++) {
            BinaryStudy s = informative.get(i);
            double n1 = s.totalT();
            double n2 = s.totalC();
            double n = n1 + n2;
            double events = (double) s.eventsT() + s.eventsC();
            double z = s.eventsT() - events * n1 / n;
            double v = n1 * n2 * events * (n - events) / (n * n * (n - 1));
            sqrtV[i] = Math.sqrt(v);
            regression.addData(sqrtV[i], z / sqrtV[i]);
        }
        requireVarying(sqrtV, "Harbord's test needs studies with different score variances");
        double coefficient = regression.getIntercept();
        double se = regression.getInterceptStdErr();
        double t = coefficient / se;
        double df = k - 2;
        return new SmallStudyTestResult(HARBORD, k, coefficient, se, t, df, Stats.twoSidedTP(t, df), regression.getSlope());
    }

    /**
     * Weighted least squares of y on [1, x] (as R's {@code lm(y ~ x, weights = w)}), solved as the
     * unweighted regression of √w·y on [√w, √w·x] without intercept; t test of the slope.
     */
    private static SmallStudyTestResult weightedLine(String test, double[] x, double[] y, double[] w) {
        int k = x.length;
        double[][] design = new double[k][];
        double[] response = new double[k];
        for (int i = 0; i < k; i++) {
            double root = Math.sqrt(w[i]);
            design[i] = new double[] {root, root * x[i]};
            response[i] = root * y[i];
        }
        OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
        regression.setNoIntercept(true);
        regression.newSampleData(response, design);
        double[] beta = regression.estimateRegressionParameters();
        double[] se = regression.estimateRegressionParametersStandardErrors();
        double t = beta[1] / se[1];
        double df = k - 2;
        return new SmallStudyTestResult(test, k, beta[1], se[1], t, df, Stats.twoSidedTP(t, df), beta[0]);
    }

    private static List<BinaryStudy> withoutDoubleZero(List<BinaryStudy> studies, String test) {
        List<BinaryStudy> out = new ArrayList<>(studies.size());
        for (BinaryStudy s : studies) {
            if (!s.isDoubleZero()) {
                out.add(s);
            }
        }
        int left = studies.size() - out.size();
        requireThree(out.size(), test, left == 0 ? ""
                : " (" + left + " double-zero stud" + (left == 1 ? "y" : "ies") + " left out: no events or no non-events)");
        return out;
    }

    private static void requireThree(int k, String test, String note) {
        if (k < 3) {
            throw new IllegalArgumentException(test + " needs at least 3 studies, got " + k + note);
        }
    }

    private static void requireVarying(double[] x, String message) {
        for (double value : x) {
            if (value != x[0]) {
                return;
            }
        }
        throw new IllegalArgumentException(message);
    }

    private static double total(BinaryStudy s) {
        return (double) s.totalT() + s.totalC();
    }
}
