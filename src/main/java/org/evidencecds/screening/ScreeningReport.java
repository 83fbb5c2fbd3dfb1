package org.evidencecds.screening;

import java.util.Set;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;

/**
 * A screening with the evidence that applies to the same candidate (from the facade, for the trial's
 * evidence pack): what the trial asks, and what the published evidence says for this patient.
 */
public record ScreeningReport(ScreeningResult screening, EvidenceReport evidence) {

    /** Screens the candidate and adds the evidence of the trial's pack (every pack that applies when it names none). */
    public static ScreeningReport of(Screener screener, EvidenceFacade facade, String trialId, PatientProfile profile) {
        String pack = screener.trial(trialId).orElseThrow(() -> new IllegalArgumentException("no trial protocol '" + trialId + "'"))
                .protocol().evidencePack();
        return new ScreeningReport(screener.screen(trialId, profile), facade.evaluate(profile, pack == null ? null : Set.of(pack)));
    }
}
