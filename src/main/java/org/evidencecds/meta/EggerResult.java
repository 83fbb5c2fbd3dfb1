package org.evidencecds.meta;

/**
 * Egger's regression test for funnel-plot asymmetry.
 *
 * @param model "lm" (classic Egger: weighted least squares of yi on sei with weights 1/vi, t test on
 *              k-2 df; equivalently the intercept of the standard normal deviate on precision) or
 *              "rma" (metafor's default regtest: sei as a moderator in the meta-analytic model, with the
 *              fit's tau² estimator, z test or, with Hartung-Knapp, t test)
 * @param intercept the asymmetry coefficient: the coefficient of sei (Egger's bias "intercept")
 * @param se its standard error
 * @param stat t or z statistic of the asymmetry test
 * @param df degrees of freedom of a t test, NaN for z
 * @param limitEstimate the estimate as sei goes to 0 (metafor's {@code est})
 */
public record EggerResult(String model, int k, double intercept, double se, double stat, double df, double pValue,
                          double limitEstimate, double tau2) {
}
