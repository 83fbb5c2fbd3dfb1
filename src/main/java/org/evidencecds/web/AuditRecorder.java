package org.evidencecds.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.evidencecds.audit.AuditLog;
import org.evidencecds.audit.Pseudonymizer;
import org.evidencecds.facade.EvidenceReport;
import org.springframework.stereotype.Component;

/** Records one evaluation before its answer is returned: inputs, knowledge version, fired rules, output digest. */
@Component
public class AuditRecorder {

    private final AuditLog log;
    private final Pseudonymizer pseudonymizer;
    private final ObjectMapper json;

    public AuditRecorder(AuditLog log, Pseudonymizer pseudonymizer, ObjectMapper json) {
        this.log = log;
        this.pseudonymizer = pseudonymizer;
        this.json = json;
    }

    /**
     * Records a screening: its inputs are the trial and the profile, its fired rules the screening rules then
     * the evidence rules, its digest that of the whole answer; the knowledge version is the evidence's (the
     * trial's rules version is in the inputs).
     */
    public String recordScreening(String channel, String requestId, String rawPatientId, Map<String, Object> profile,
                                  org.evidencecds.screening.ScreeningReport report) {
        String id = requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
        try {
            List<String> fired = new ArrayList<>();
            report.screening().criteria().forEach(c -> fired.addAll(c.rules()));
            fired.add(report.screening().verdictRule());
            report.evidence().packs().forEach(p -> p.firedRules().forEach(f -> fired.add(f.rule())));
            Map<String, Object> inputs = new java.util.LinkedHashMap<>();
            inputs.put("trial", report.screening().trial());
            inputs.put("trialRules", report.screening().rulesVersion());
            inputs.put("profile", profile);
            log.record(new AuditLog.Entry(id, channel, pseudonymizer.reference(rawPatientId), json.writeValueAsString(inputs),
                    report.evidence().knowledgeVersion(), fired, AuditLog.digest(json.writeValueAsString(report))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the screening for the audit log", e);
        }
        return id;
    }

    /** Returns the request id under which the evaluation was recorded. */
    public String record(String channel, String requestId, String rawPatientId, Map<String, Object> inputs, EvidenceReport report) {
        String id = requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
        try {
            List<String> fired = new ArrayList<>();
            report.packs().forEach(p -> p.firedRules().forEach(f -> fired.add(f.rule())));
            log.record(new AuditLog.Entry(id, channel, pseudonymizer.reference(rawPatientId), json.writeValueAsString(inputs),
                    report.knowledgeVersion(), fired, AuditLog.digest(json.writeValueAsString(report))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the evaluation for the audit log", e);
        }
        return id;
    }
}
