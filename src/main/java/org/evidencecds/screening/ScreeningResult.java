package org.evidencecds.screening;

import java.util.List;
import java.util.Map;

/**
 * One candidate screened against one trial: every screened criterion with its status and the inputs that
 * decided it, the overall verdict, what to collect next, and what the investigator must still check.
 *
 * @param verdict {@code eligible} (every screened criterion allows it), {@code not-eligible} (an inclusion
 *                criterion is not met or an exclusion criterion applies) or {@code needs-information}
 */
public record ScreeningResult(String trial, String trialVersion, String title, String registryId, String protocolStatus,
                              String verification, String rulesVersion, String verdict, String verdictRule, String summary,
                              List<CriterionResult> criteria, List<String> collect, List<TrialProtocol.Unscreened> notScreened,
                              String notice) {

    public static final String NOTICE = "Pre-screening support, not an enrolment decision: it checks only the criteria the profile "
            + "can decide; the investigator confirms eligibility against the full protocol.";

    /**
     * @param status  {@code met}, {@code not-met} or {@code unknown}; for an exclusion criterion {@code met}
     *                means the exclusion applies
     * @param inputs  the profile values that decided the status
     * @param missing the inputs that would decide an unknown criterion
     */
    public record CriterionResult(String id, String kind, String text, String condition, String status, String effect,
                                  Map<String, Object> inputs, List<String> missing, List<String> notScreenedAlternatives,
                                  List<String> rules, String sourceUrl, String locator, String note) {
    }
}
