package org.evidencecds.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** POST a patient profile, get the evidence report. Thin: validation and answers come from the core. */
@RestController
@RequestMapping("/api/v1")
public class EvaluationController {

    private final EvidenceFacade facade;
    private final AuditRecorder audit;

    public EvaluationController(EvidenceFacade facade, AuditRecorder audit) {
        this.facade = facade;
        this.audit = audit;
    }

    /**
     * The body is the profile: {@code {"ulcerAreaCm2": 12, "diabetesDurationYears": 6, "ulcerDurationDays": 250}};
     * every field optional, unknown fields and impossible values refused (400, problem+json naming each field).
     */
    @PostMapping(value = "/evaluations", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public org.springframework.http.ResponseEntity<EvidenceReport> evaluate(@RequestBody Map<String, Object> profile,
            @RequestParam(name = "pack", required = false) Set<String> packs,
            @org.springframework.web.bind.annotation.RequestHeader(name = "X-Request-Id", required = false) String requestId,
            @org.springframework.web.bind.annotation.RequestHeader(name = "X-Patient-Ref", required = false) String patient,
            @org.springframework.web.bind.annotation.RequestHeader(name = "X-Evidence-Channel", required = false) String channel) {
        RequestIds.header("X-Request-Id", requestId);
        if (packs != null) {
            for (String p : packs) {
                if (facade.knowledge().pack(p).isEmpty()) {
                    throw new NotFoundException("pack", p, "no evidence pack with id '" + org.evidencecds.profile.Quote.cut(p) + "'");
                }
            }
        }
        EvidenceReport report = facade.evaluate(PatientProfile.of(new LinkedHashMap<>(profile)), packs);
        // recorded before the answer leaves: an evaluation that cannot be audited is not answered
        String id = audit.record("embed".equals(channel) ? "embed" : "rest", requestId, patient, profile, packs, report);
        return org.springframework.http.ResponseEntity.ok().header("X-Request-Id", id).body(report);
    }
}
