package org.evidencecds.web.page;
// TEMPORARY STUB (not committed): replaced by the forest branch
public final class ForestPlots {
    public static java.util.Optional<ForestPlotView> forOutcome(org.evidencecds.rules.Knowledge k, org.evidencecds.facade.EvidenceReport.PackReport p, org.evidencecds.facade.EvidenceReport.OutcomeEvidence o) {
        return java.util.Optional.empty();
    }
}
