package org.evidencecds.screening;

import java.util.List;
import java.util.Map;

/**
 * One candidate screened against one trial: every screened criterion with its status and the inputs that
 * decided it, the overall verdict, what to collect next, and what the investigator must still check.
 *
 * <p>The codes ({@code verdict}, {@code status}, field names in {@code collect} and {@code inputs}) are for
 * programs, as is {@code summary}, kept as it was for API clients. People read the {@code *Text} fields and
 * the labels: clinical language, labels and units from the field definitions, never a field name or a code.
 *
 * @param verdict         {@code eligible} (every screened criterion allows it), {@code not-eligible} (an inclusion
 *                        criterion is not met or an exclusion criterion applies) or {@code needs-information}
 * @param verdictLabel    the verdict in words: "Not eligible", "May be eligible", "Eligible on every criterion checked"
 * @param verdictText     the verdict with its reason, e.g. "Not eligible: ulcer area 20 cm², the trial requires 0.5–13 cm²."
 * @param investigatorText what the screening could not check, e.g. "12 further criteria of the protocol …"
 * @param collectLabels   the labels of {@code collect}: what to record to decide the open criteria
 */
public record ScreeningResult(String trial, String trialVersion, String title, String registryId, String protocolStatus,
                              String verification, String rulesVersion, String verdict, String verdictRule, String summary,
                              List<CriterionResult> criteria, List<String> collect, List<TrialProtocol.Unscreened> notScreened,
                              String notice, String verdictLabel, String verdictText, String investigatorText,
                              List<String> collectLabels) {

    public static final String NOTICE = "Pre-screening support, not an enrolment decision: it checks only the criteria the profile "
            + "can decide; the investigator confirms eligibility against the full protocol.";

    /**
     * @param status  {@code met}, {@code not-met} or {@code unknown}; for an exclusion criterion {@code met}
     *                means the exclusion applies
     * @param inputs  the profile values that decided the status
     * @param missing the inputs that would decide an unknown criterion
     * @param label       the labels of the fields it reads: "Ulcer area", "Ankle-brachial index or TcPO2"
     * @param requirement the trial's limits in words: "the trial requires 0.5–13 cm²", "the trial excludes HbA1c above 12%"
     * @param statusText  the status in words: met, not met, excluded, not excluded, not recorded, could not be
     *                    checked, for the investigator to check
     * @param sentence    all of it: "Ulcer area: 20 cm² — not met (the trial requires 0.5–13 cm²)."
     */
    public record CriterionResult(String id, String kind, String text, String condition, String status, String effect,
                                  Map<String, Object> inputs, List<String> missing, List<String> notScreenedAlternatives,
                                  List<String> rules, String sourceUrl, String locator, String note, String label,
                                  String requirement, String statusText, String sentence) {
    }
}
