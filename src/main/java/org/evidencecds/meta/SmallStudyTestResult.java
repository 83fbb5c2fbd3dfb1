package org.evidencecds.meta;

/**
 * A regression test for small-study effects (funnel-plot asymmetry) on binary outcomes, from
 * {@link SmallStudyTests}. Every test is a t test on {@code k - 2} degrees of freedom.
 *
 * @param test {@link SmallStudyTests#PETERS}, {@link SmallStudyTests#PETERS_METAFOR} or {@link SmallStudyTests#HARBORD}
 * @param k studies in the regression (double-zero studies are not counted by Peters' and Harbord's tests)
 * @param coefficient the asymmetry coefficient under test: the slope of 1/N (Peters, metafor's ninv form) or the
 *                    intercept of Z/√V on √V (Harbord)
 * @param se its standard error (weighted least squares with the residual variance estimated: multiplicative dispersion)
 * @param stat t statistic, coefficient / se
 * @param df degrees of freedom, k - 2
 * @param pValue two-sided p value of the t test
 * @param limitEstimate the other coefficient of the line, an estimate of ln(OR) for a study of infinite size or
 *                      precision: the intercept (as 1/N → 0) for Peters and metafor's form (metafor's {@code est}),
 *                      the slope of √V for Harbord (the intercept of Z/V on 1/√V)
 */
public record SmallStudyTestResult(String test, int k, double coefficient, double se, double stat, double df,
                                   double pValue, double limitEstimate) {
}
