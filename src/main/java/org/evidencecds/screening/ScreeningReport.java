package org.evidencecds.screening;

import org.evidencecds.facade.EvidenceReport;

/**
 * A screening with the evidence that applies to the same candidate (from the facade, for the trial's
 * evidence pack): what the trial asks, and what the published evidence says for this patient.
 */
public record ScreeningReport(ScreeningResult screening, EvidenceReport evidence) {
}
