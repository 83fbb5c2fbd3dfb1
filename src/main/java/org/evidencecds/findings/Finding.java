package org.evidencecds.findings;

import java.util.List;

/**
 * One pooled result (or direction-only claim) for one outcome in one population slice, with where it
 * comes from. Ratio estimates are on the natural scale. Null means "not published".
 *
 * @param id stable id, e.g. {@code dfu-cell-therapy/ulcer-healing/overall}
 * @param role OVERALL (whole review population), PATIENT (a slice defined by a patient characteristic),
 *             PROTOCOL (a slice defined by the treatment: cell type, origin, route, dose) or UNPLACED (a
 *             slice the source names but does not define, so no patient or protocol can be matched to it)
 * @param estimateText the estimate as the source printed it ("6.90" stays 6.90); for a recomputed finding
 *                     the value at this engine's fixed precision ({@link EffectText}); the same for the CI limits
 * @param unit the outcome's unit (for mean differences), as the pack gives it
 * @param signReversed the source reports the effect with the opposite sign to the outcome's convention
 * @param shortCitation the source as running text names it: author and year ("Zhang X et al. 2026")
 * @param comparison for a subgroup finding: within-trial or between-trial effect modification, or
 *                   single-level (the source pooled only this level against control: no comparison between
 *                   levels, so not effect modification); null for overall and time-point findings
 * @param pooledLevels the patient levels the estimate pools ({@code dimension/level}); empty when not reported
 * @param evidenceHash SHA-256 of the evidence lines this finding was built from (its reported-estimate
 *                     row, the slice's level definition, the cited source entry)
 */
public record Finding(String id, String packId, String packVersion, String outcome, String outcomeName,
                      String measure, Role role, String dimension, String level, String levelLabel,
                      String levelAsReported, Origin origin, Double estimate, Double ciLow, Double ciHigh,
                      String estimateText, String ciLowText, String ciHighText, String unit,
                      String pValue, Integer k, Integer n, Double i2, String direction, String benefit, boolean signReversed,
                      String sourceKey, String citation, String shortCitation, String doi, String locator, String snippet,
                      String reportedEstimateId, List<String> studyIds, List<String> conflicts, String comparison,
                      List<String> pooledLevels, String evidenceHash) {

    public Finding {
        studyIds = List.copyOf(studyIds);
        conflicts = List.copyOf(conflicts);
        pooledLevels = List.copyOf(pooledLevels);
    }

    /** OVERALL: the whole pool; PATIENT: a slice the patient is placed in; PROTOCOL: a slice of the treatment; TIMEPOINT: a follow-up time; UNPLACED: a slice the source does not define. */
    public enum Role { OVERALL, PATIENT, PROTOCOL, TIMEPOINT, UNPLACED }

    /** The role of a finding for a slice of this dimension and level (null dimension: the whole pool). */
    public static Role roleOf(org.evidencecds.evidence.Dimension dimension, Object level) {
        return dimension == null ? Role.OVERALL
                : level == null ? Role.UNPLACED
                : dimension.timepoint() ? Role.TIMEPOINT
                : dimension.profileField() != null ? Role.PATIENT : Role.PROTOCOL;
    }

    /** REPORTED: a number published by a review; DIRECTION_ONLY: a claim without a number; RECOMPUTED: pooled here. */
    public enum Origin { REPORTED, DIRECTION_ONLY, RECOMPUTED }

    public boolean isNumeric() {
        return estimate != null;
    }

    /**
     * Which side the finding is on: +1 favours the intervention, -1 favours control, 0 no clear side (the
     * CI crosses no effect, or a claim without a direction of benefit).
     */
    public int side() {
        if (isNumeric()) {
            double none = "OR".equals(measure) || "RR".equals(measure) ? 1.0 : 0.0;
            double lo = ciLow != null ? ciLow : estimate;
            double hi = ciHigh != null ? ciHigh : estimate;
            int sign = lo > none ? 1 : hi < none ? -1 : 0;
            return "lower".equals(benefit) ? -sign : sign;
        }
        if ("favours-cell-therapy".equals(direction) || "larger-benefit".equals(direction)) {
            return 1;
        }
        return "favours-control".equals(direction) ? -1 : 0;
    }

    /** A subgroup finding that compares levels (within or between trials), as opposed to a single-level review. */
    public boolean isEffectModification() {
        return comparison != null && !"single-level".equals(comparison);
    }
}
