package org.evidencecds.evidence;

import java.util.List;
import org.evidencecds.evidence.Vocabulary.Design;

/**
 * Identity and scope of an evidence pack ({@code pack.yaml}). {@code poolDesigns} are the study designs
 * the anchor review pooled (e.g. RCTs only); recomputations use the same rule. {@code recomputeFindings}:
 * whether slices without a published estimate get a finding pooled from the pack's study rows (only
 * sensible when the rows are the review's complete study set). {@code certaintyThresholds}: this pack's
 * overrides of the certainty rules' thresholds, by name (see org.evidencecds.certainty.Thresholds).
 * {@code appliesTo}: conditions on profile fields that describe the pack's population; the pack applies to
 * a patient whose recorded inputs meet every one (an input it needs that is not recorded leaves the pack
 * out of a default evaluation, saying what to record). A pack without conditions applies to everyone.
 * {@code interventionName}: how statements name the intervention ("MSC therapy"), "cell therapy" by default.
 */
public record PackInfo(String id, String version, String title, String description, String population,
                       String intervention, String comparator, String review, List<Design> poolDesigns,
                       boolean recomputeFindings, java.util.Map<String, Double> certaintyThresholds,
                       List<org.evidencecds.profile.Condition> appliesTo, String interventionName) {

    public PackInfo {
        poolDesigns = List.copyOf(poolDesigns);
        certaintyThresholds = java.util.Map.copyOf(certaintyThresholds);
        appliesTo = appliesTo == null ? List.of() : List.copyOf(appliesTo);
        interventionName = interventionName == null ? "cell therapy" : interventionName;
    }

    /** Pack info without a short intervention name (statements then say "cell therapy"). */
    public PackInfo(String id, String version, String title, String description, String population, String intervention,
                    String comparator, String review, List<Design> poolDesigns, boolean recomputeFindings,
                    java.util.Map<String, Double> certaintyThresholds, List<org.evidencecds.profile.Condition> appliesTo) {
        this(id, version, title, description, population, intervention, comparator, review, poolDesigns, recomputeFindings,
                certaintyThresholds, appliesTo, null);
    }
}
