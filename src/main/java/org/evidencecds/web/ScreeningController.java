package org.evidencecds.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.screening.ScreeningReport;
import org.evidencecds.screening.Screener;
import org.evidencecds.screening.TrialProtocol;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Trial protocols and eligibility pre-screening. Thin: the criteria are decided by the screening rules. */
@RestController
@RequestMapping("/api/v1")
public class ScreeningController {

    /** The screener is read once per request: a reload may install another meanwhile. */
    private final LiveKnowledge live;
    private final EvidenceFacade facade;
    private final AuditRecorder audit;

    public ScreeningController(LiveKnowledge live, EvidenceFacade facade, AuditRecorder audit) {
        this.live = live;
        this.facade = facade;
        this.audit = audit;
    }

    /** A protocol in a list: identity, provenance and size. */
    public record TrialSummary(String id, String version, String title, String registryId, String status, String verification,
                               String evidencePack, String rulesVersion, int screenedCriteria, int forTheInvestigator) {
    }

    @GetMapping(value = "/trials", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<TrialSummary> trials() {
        Screener screener = live.screener();
        return screener.protocols().stream().map(p -> new TrialSummary(p.id(), p.version(), p.title(), p.registryId(), p.status(),
                p.verification(), p.evidencePack(), screener.trial(p.id()).orElseThrow().rulesVersion(), p.criteria().size(),
                p.notScreened().size())).toList();
    }

    @GetMapping(value = "/trials/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public TrialProtocol trial(@PathVariable String id) {
        return require(live.screener(), id).protocol();
    }

    /**
     * The body names the trial and carries the profile: {@code {"trial": "NCT06003530", "profile": {"ulcerAreaCm2": 4}}}.
     * The answer is the screening (each criterion met / not met / unknown with the deciding input, the verdict)
     * and the evidence for the same profile from the trial's evidence pack.
     */
    @PostMapping(value = "/screenings", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ScreeningReport> screen(@RequestBody Map<String, Object> body,
            @RequestHeader(name = "X-Request-Id", required = false) String requestId,
            @RequestHeader(name = "X-Patient-Ref", required = false) String patient,
            @RequestHeader(name = "X-Evidence-Channel", required = false) String channel) {
        RequestIds.header("X-Request-Id", requestId);
        List<PatientProfile.FieldError> errors = new ArrayList<>();
        body.keySet().stream().filter(k -> !Set.of("trial", "profile").contains(k)).sorted()
                .forEach(k -> errors.add(new PatientProfile.FieldError(org.evidencecds.profile.Quote.name(k), "unknown field (known: trial, profile)")));
        Object trial = body.get("trial");
        Object profileBody = body.get("profile");
        if (!(trial instanceof String)) {
            errors.add(new PatientProfile.FieldError("trial", trial == null ? "required: the id of a trial protocol (see GET /api/v1/trials)" : "must be a string"));
        }
        if (profileBody != null && !(profileBody instanceof Map)) {
            errors.add(new PatientProfile.FieldError("profile", "must be a JSON object of profile fields"));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (profileBody instanceof Map<?, ?> m) {
            m.forEach((k, v) -> values.put(String.valueOf(k), v));
        }
        PatientProfile profile = null;
        try {
            profile = PatientProfile.of(values);
        } catch (PatientProfile.InvalidProfileException e) {
            e.errors().forEach(x -> errors.add(new PatientProfile.FieldError("profile." + x.field(), x.reason())));
        }
        if (!errors.isEmpty()) {
            throw new PatientProfile.InvalidProfileException(errors);
        }
        Screener screener = live.screener();
        Screener.Trial t = require(screener, (String) trial);
        ScreeningReport report = ScreeningReport.of(screener, facade, t.protocol().id(), profile);
        // recorded before the answer leaves, as every evaluation
        String id = audit.recordScreening("embed".equals(channel) ? "embed-screening" : "screening", requestId, patient, values, report);
        return ResponseEntity.ok().header("X-Request-Id", id).body(report);
    }

    private static Screener.Trial require(Screener screener, String id) {
        return screener.trial(id).orElseThrow(() -> new NotFoundException("trial", id, "no trial protocol with id '" + org.evidencecds.profile.Quote.cut(id) + "' (known: "
                + String.join(", ", screener.protocols().stream().map(TrialProtocol::id).toList()) + ")"));
    }
}
