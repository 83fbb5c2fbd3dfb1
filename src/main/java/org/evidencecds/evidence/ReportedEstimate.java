package org.evidencecds.evidence;

import java.util.List;
import org.evidencecds.evidence.Vocabulary.Direction;
import org.evidencecds.evidence.Vocabulary.EffectMeasure;
import org.evidencecds.evidence.Vocabulary.EstimateKind;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;

/**
 * A pooled result as a review published it ({@code reported_estimates.csv}): numeric (ratio measures on
 * the natural scale) or direction-only. The {@code *Text} fields keep the numbers as printed, so that
 * "reproduced within rounding" can use the printed precision. {@code pInteraction} is the published p of the
 * test for subgroup differences (as printed), {@code comparison} whether the effect modification rests on
 * within-trial or between-trial comparisons (subgroup rows default to between-trial, as aggregate-data
 * subgroup meta-analyses are). {@code signReversed}: the source reports the effect with the opposite sign
 * to the outcome's convention (e.g. a fall in HbA1c as a positive "reduction"); the number stays as printed.
 * {@code comparison} may also be {@code single-level}: the source pooled only this level against control (a
 * review of umbilical-cord MSCs only), which is not effect modification. {@code pooledLevels}: the levels of
 * patient dimensions the estimate pools ({@code dimension/level}), empty when not reported. {@code topic}: what
 * a claim naming no outcome is about ({@code harms}), or null.
 */
public record ReportedEstimate(String id, String outcome, String dimension, String level, String levelAsReported,
                               EstimateKind kind, EffectMeasure measure, Double estimate, Double ciLow, Double ciHigh,
                               String estimateText, String ciLowText, String ciHighText, String pValue,
                               Integer k, Integer n, Double i2, Double tau2, String model, Direction direction,
                               List<String> sources, String locator, String snippet, VerificationStatus status,
                               String note, String pInteraction, String comparison, Origin origin, boolean signReversed,
                               List<String> pooledLevels, String topic) {

    public ReportedEstimate {
        sources = List.copyOf(sources);
        pooledLevels = pooledLevels == null ? List.of() : List.copyOf(pooledLevels);
    }

    public boolean isOverall() {
        return dimension == null;
    }
}
