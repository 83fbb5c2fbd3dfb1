package org.evidencecds.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.evidencecds.audit.AnswerWriter;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.findings.AnswerView;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.Quote;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
    private final AnswerWriter answers;

    public EvaluationController(EvidenceFacade facade, AuditRecorder audit, AnswerWriter answers) {
        this.facade = facade;
        this.audit = audit;
        this.answers = answers;
    }

    /**
     * The body is the profile: {@code {"ulcerAreaCm2": 12, "diabetesDurationYears": 6, "ulcerDurationDays": 250}};
     * every field optional, unknown fields and impossible values refused (400, problem+json naming each field).
     * {@code view=compact} (the default) or {@code full} (see {@link AnswerView}). The answer is serialised once;
     * the audit row keeps the digest of the bytes sent.
     */
    @PostMapping(value = "/evaluations", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    // the body is sent as the bytes that were hashed; the API docs still describe it as the report it is
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the evidence report (compact unless view=full)",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = EvidenceReport.class)))
    public ResponseEntity<byte[]> evaluate(@RequestBody Map<String, Object> profile,
            @RequestParam(name = "pack", required = false) Set<String> packs,
            @RequestParam(name = "view", required = false) String view,
            @org.springframework.web.bind.annotation.RequestHeader(name = "X-Request-Id", required = false) String requestId,
            @org.springframework.web.bind.annotation.RequestHeader(name = "X-Patient-Ref", required = false) String patient,
            @org.springframework.web.bind.annotation.RequestHeader(name = "X-Evidence-Channel", required = false) String channel) {
        RequestIds.header("X-Request-Id", requestId);
        AnswerView answerView = view(view);
        if (packs != null) {
            for (String p : packs) {
                if (facade.knowledge().pack(p).isEmpty()) {
                    throw new NotFoundException("pack", p, "no evidence pack with id '" + Quote.cut(p) + "'");
                }
            }
        }
        EvidenceReport report = facade.evaluate(PatientProfile.of(new LinkedHashMap<>(profile)), packs);
        AnswerWriter.Sent sent = answers.write(report, answerView);
        // recorded before the answer leaves: an evaluation that cannot be audited is not answered
        String id = audit.record("embed".equals(channel) ? "embed" : "rest", requestId, patient, profile, packs, report, sent);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header("X-Request-Id", id)
                .header("X-Answer-View", answerView.code());
        if (answerView == AnswerView.COMPACT) {
            ok.header(HttpHeaders.LINK, "</api/v1/evaluations?view=full>; rel=\"alternate\"; title=\"the full answer (POST the same body)\"");
        }
        return ok.body(sent.body());
    }

    private static AnswerView view(String view) {
        try {
            return AnswerView.parse(view);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("view", e.getMessage() + ", got " + Quote.of(view));
        }
    }
}
