package org.evidencecds.evidence;

import java.util.List;
import org.evidencecds.evidence.Vocabulary.Design;

/**
 * Identity and scope of an evidence pack ({@code pack.yaml}). {@code poolDesigns} are the study designs
 * the anchor review pooled (e.g. RCTs only); recomputations use the same rule. {@code recomputeFindings}:
 * whether slices without a published estimate get a finding pooled from the pack's study rows (only
 * sensible when the rows are the review's complete study set). {@code certaintyThresholds}: this pack's
 * overrides of the certainty rules' thresholds, by name (see org.evidencecds.certainty.Thresholds).
 */
public record PackInfo(String id, String version, String title, String description, String population,
                       String intervention, String comparator, String review, List<Design> poolDesigns,
                       boolean recomputeFindings, java.util.Map<String, Double> certaintyThresholds) {

    public PackInfo {
        poolDesigns = List.copyOf(poolDesigns);
        certaintyThresholds = java.util.Map.copyOf(certaintyThresholds);
    }
}
