package org.evidencecds.evidence;

/**
 * The risk of a binary outcome without the intervention in a stated population, as a source gives it (an
 * observational cohort or registry is usually more representative than trials' control arms). A summary of
 * findings assumes it when it computes absolute effects; without one, the pack's pooled control arms are used.
 *
 * @param risk a proportion, 0 to 1 (exclusive)
 * @param valueText the risk as written in the pack, for display as written
 * @param population whom the risk describes, in words
 */
public record BaselineRisk(double risk, String valueText, String population, String source, String locator, String snippet) {
}
