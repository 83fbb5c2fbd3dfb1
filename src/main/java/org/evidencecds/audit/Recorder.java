package org.evidencecds.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.screening.ScreeningReport;

/**
 * Turns an answer into an audit row (inputs, knowledge version, fired rules, output digest, pseudonymous
 * patient reference) and appends it; shared by every channel (REST, embed, CDS Hooks, CLI). Returns when
 * the row is committed, so callers answer only after that.
 */
public final class Recorder {

    private final AuditLog log;
    private final Pseudonymizer pseudonymizer;
    private final ObjectMapper json;

    public Recorder(AuditLog log, Pseudonymizer pseudonymizer, ObjectMapper json) {
        this.log = log;
        this.pseudonymizer = pseudonymizer;
        this.json = json;
    }

    /**
     * Records an evaluation against every pack that applies; returns the request id (a new time-ordered UUID,
     * {@link RequestId}, when none is given).
     */
    public String evaluation(String channel, String requestId, String rawPatientId, Map<String, Object> inputs, EvidenceReport report) {
        return evaluation(channel, requestId, rawPatientId, inputs, null, report);
    }

    /**
     * Records an evaluation; with chosen packs the inputs are {@code {"profile": ..., "packs": [...]}} so
     * that a replay asks the same question (without, they are the profile itself).
     */
    public String evaluation(String channel, String requestId, String rawPatientId, Map<String, Object> inputs,
                             java.util.Collection<String> packs, EvidenceReport report) {
        String id = requestId == null || requestId.isBlank() ? RequestId.nextString() : requestId;
        evaluation(channel, id, rawPatientId, inputs, packs, report, Map.of());
        return id;
    }

    /**
     * Records an evaluation with what the channel knows beside the profile (e.g. for CDS Hooks: what was read
     * from the FHIR record and what was ignored, the client, the cards issued), kept next to the profile so
     * that a replay still finds the profile where it expects it. Returns the audit row's id.
     */
    public long evaluation(String channel, String requestId, String rawPatientId, Map<String, Object> inputs,
                           java.util.Collection<String> packs, EvidenceReport report, Map<String, Object> context) {
        return evaluation(channel, requestId, rawPatientId, inputs, packs, report, context, AuditLog.digestOfJson(json, report));
    }

    /**
     * Records an evaluation whose answer was sent as {@code sent}: the row keeps the digest of the bytes that
     * left, in the view the client asked for (a replay finds which view they were). Returns the request id
     * (a new time-ordered UUID when none is given).
     */
    public String evaluation(String channel, String requestId, String rawPatientId, Map<String, Object> inputs,
                             java.util.Collection<String> packs, EvidenceReport report, AnswerWriter.Sent sent) {
        String id = requestId == null || requestId.isBlank() ? RequestId.nextString() : requestId;
        evaluation(channel, id, rawPatientId, inputs, packs, report, Map.of(), sent.digest());
        return id;
    }

    private long evaluation(String channel, String requestId, String rawPatientId, Map<String, Object> inputs,
                            java.util.Collection<String> packs, EvidenceReport report, Map<String, Object> context, String outputDigest) {
        List<String> fired = new ArrayList<>();
        report.packs().forEach(p -> p.firedRules().forEach(f -> fired.add(f.rule())));
        Object recorded = inputs;
        if ((packs != null && !packs.isEmpty()) || !context.isEmpty()) {
            Map<String, Object> scoped = new LinkedHashMap<>();
            scoped.put("profile", inputs);
            if (packs != null && !packs.isEmpty()) {
                scoped.put("packs", new java.util.TreeSet<>(packs));
            }
            context.forEach(scoped::putIfAbsent);
            recorded = scoped;
        }
        return appendRow(channel, requestId, rawPatientId, recorded, report.knowledgeVersion(), fired, outputDigest);
    }

    /**
     * Records a screening: inputs are the trial, its rules version and the profile; fired rules the screening
     * rules then the evidence rules; the knowledge version is the evidence's.
     */
    public String screening(String channel, String requestId, String rawPatientId, Map<String, Object> profile, ScreeningReport report) {
        List<String> fired = new ArrayList<>();
        report.screening().criteria().forEach(c -> fired.addAll(c.rules()));
        fired.add(report.screening().verdictRule());
        if (report.evidence() != null) {
            report.evidence().packs().forEach(p -> p.firedRules().forEach(f -> fired.add(f.rule())));
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("trial", report.screening().trial());
        inputs.put("trialRules", report.screening().rulesVersion());
        inputs.put("profile", profile);
        String version = report.evidence() == null ? report.screening().rulesVersion() : report.evidence().knowledgeVersion();
        return append(channel, requestId, rawPatientId, inputs, version, fired, report);
    }

    /** Records feedback a CDS client sent about a card (what the clinician did with it). */
    public String feedback(String requestId, Map<String, Object> feedback, String knowledgeVersion) {
        return append("cds-hooks-feedback", requestId, null, feedback, knowledgeVersion, List.of(), feedback);
    }

    private String append(String channel, String requestId, String rawPatientId, Object inputs, String knowledgeVersion,
                          List<String> fired, Object output) {
        String id = requestId == null || requestId.isBlank() ? RequestId.nextString() : requestId;
        appendRow(channel, id, rawPatientId, inputs, knowledgeVersion, fired, AuditLog.digestOfJson(json, output));
        return id;
    }

    private long appendRow(String channel, String requestId, String rawPatientId, Object inputs, String knowledgeVersion,
                           List<String> fired, String outputDigest) {
        String id = requestId == null || requestId.isBlank() ? RequestId.nextString() : requestId;
        try {
            return log.record(new AuditLog.Entry(id, channel, pseudonymizer.reference(rawPatientId), json.writeValueAsString(inputs),
                    knowledgeVersion, fired, outputDigest));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the answer for the audit log", e);
        }
    }
}
