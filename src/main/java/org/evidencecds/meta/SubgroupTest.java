package org.evidencecds.meta;

/**
 * A test for subgroup differences.
 *
 * @param method {@link #MIXED_EFFECTS} or {@link #SEPARATE_TAU2}
 * @param statistic the chi-square statistic Q between subgroups (or F with Hartung-Knapp)
 * @param distribution "chi2" or "F"
 * @param df numerator degrees of freedom (levels - 1)
 * @param df2 denominator degrees of freedom of an F test, NaN for chi-square
 * @param tau2 the common tau² of the mixed-effects test; NaN for the separate-tau² test
 */
public record SubgroupTest(String method, String description, double statistic, String distribution,
                           int df, double df2, double pValue, double tau2) {

    /** metafor's moderator test: one tau² shared by all subgroups, Wald test of the subgroup factor. */
    public static final String MIXED_EFFECTS = "mixed-effects-QM";
    /** R meta's test: each subgroup pooled with its own tau², Q between the subgroup estimates. */
    public static final String SEPARATE_TAU2 = "separate-tau2-Q-between";
}
