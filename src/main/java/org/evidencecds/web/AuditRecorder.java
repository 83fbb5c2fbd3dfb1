package org.evidencecds.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.evidencecds.audit.AnswerWriter;
import org.evidencecds.audit.AuditLog;
import org.evidencecds.audit.Pseudonymizer;
import org.evidencecds.audit.Recorder;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.screening.ScreeningReport;
import org.springframework.stereotype.Component;

/** The web channels' access to the audit {@link Recorder}: every answer is recorded before it is returned. */
@Component
public class AuditRecorder {

    private final Recorder recorder;

    public AuditRecorder(AuditLog log, Pseudonymizer pseudonymizer, ObjectMapper json) {
        this.recorder = new Recorder(log, pseudonymizer, json);
    }

    /** Returns the request id under which the evaluation was recorded. */
    public String record(String channel, String requestId, String rawPatientId, Map<String, Object> inputs, EvidenceReport report) {
        return recorder.evaluation(channel, requestId, rawPatientId, inputs, report);
    }

    /** An evaluation against chosen packs (recorded with them, so a replay asks the same question). */
    public String record(String channel, String requestId, String rawPatientId, Map<String, Object> inputs,
                         java.util.Collection<String> packs, EvidenceReport report) {
        return recorder.evaluation(channel, requestId, rawPatientId, inputs, packs, report);
    }

    /** An evaluation with the channel's context beside the profile (see {@link Recorder#evaluation}); returns the row id. */
    public long record(String channel, String requestId, String rawPatientId, Map<String, Object> inputs,
                         java.util.Collection<String> packs, EvidenceReport report, Map<String, Object> context) {
        return recorder.evaluation(channel, requestId, rawPatientId, inputs, packs, report, context);
    }

    /** An evaluation whose answer was sent as {@code sent} (its digest is of those bytes); returns the request id. */
    public String record(String channel, String requestId, String rawPatientId, Map<String, Object> inputs,
                         java.util.Collection<String> packs, EvidenceReport report, AnswerWriter.Sent sent) {
        return recorder.evaluation(channel, requestId, rawPatientId, inputs, packs, report, sent);
    }

    public String recordScreening(String channel, String requestId, String rawPatientId, Map<String, Object> profile, ScreeningReport report) {
        return recorder.screening(channel, requestId, rawPatientId, profile, report);
    }

    public String recordFeedback(String requestId, Map<String, Object> feedback, String knowledgeVersion) {
        return recorder.feedback(requestId, feedback, knowledgeVersion);
    }
}
