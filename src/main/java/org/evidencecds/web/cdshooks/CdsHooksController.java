package org.evidencecds.web.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * CDS Hooks 2.0: discovery, one patient-view service per evidence pack, and feedback. The work is done by
 * {@link PatientViewService} and {@link FeedbackService}; this class maps HTTP to them.
 */
@RestController
public class CdsHooksController {

    static final String SERVICE_SUFFIX = "-evidence";

    private final EvidenceFacade facade;
    private final PatientViewService patientView;
    private final FeedbackService feedback;

    public CdsHooksController(EvidenceFacade facade, PatientViewService patientView, FeedbackService feedback) {
        this.facade = facade;
        this.patientView = patientView;
        this.feedback = feedback;
    }

    @GetMapping(value = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> discovery() {
        List<Map<String, Object>> services = new ArrayList<>();
        for (EvidencePack p : facade.knowledge().packs()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("hook", "patient-view");
            s.put("id", p.id() + SERVICE_SUFFIX);
            s.put("title", "Evidence: " + p.info().title());
            s.put("description", "What published evidence on " + p.info().intervention()
                    + " shows for this patient, with certainty and provenance. Decision support, not an order.");
            s.put("prefetch", patientView.templates(p));
            s.put("usageRequirements", "Send the prefetch, or fhirServer with fhirAuthorization (the service then queries what is missing)."
                    + (p.info().appliesTo().isEmpty() ? "" : " Cards only for patients in the evidence's population: " + p.info().population() + "."));
            services.add(s);
        }
        return Map.of("services", services);
    }

    @PostMapping(value = "/cds-services/{id}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> call(@PathVariable String id, @RequestBody JsonNode body,
                                       jakarta.servlet.http.HttpServletRequest http) {
        EvidencePack pack = packFor(id);
        PatientViewRequest request;
        try {
            request = PatientViewRequest.of(body);
        } catch (PatientViewRequest.Invalid e) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid CDS Hooks request", e.getMessage(), e.errors);
        }
        PatientViewService.Answer answer = patientView.answer(id, pack, request, client(http));
        if (answer.preconditionFailed() != null) {
            return problem(HttpStatus.PRECONDITION_FAILED, "Prefetch missing", answer.preconditionFailed(), List.of());
        }
        return ResponseEntity.ok(Map.of("cards", answer.cards()));
    }

    @PostMapping(value = "/cds-services/{id}/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> feedback(@PathVariable String id, @RequestBody JsonNode body, jakarta.servlet.http.HttpServletRequest http) {
        packFor(id);
        return feedback.record(id, body, client(http))
                .map(r -> problem(HttpStatus.valueOf(r.status()), r.title(), String.join("; ",
                        r.errors().stream().map(e -> e.get("field") + ": " + e.get("reason")).toList()), r.errors()))
                .orElseGet(() -> ResponseEntity.ok().build());
    }

    /** The verified CDS client's issuer (null when unauthenticated calls are allowed). */
    private static String client(jakarta.servlet.http.HttpServletRequest http) {
        return http.getAttribute(CdsClientAuthFilter.CLIENT_ATTRIBUTE) instanceof VerifiedClient c ? c.issuer() : null;
    }

    EvidencePack packFor(String serviceId) {
        if (!serviceId.endsWith(SERVICE_SUFFIX)) {
            throw new NotFoundException("CDS service", serviceId, "no CDS service '" + org.evidencecds.profile.Quote.cut(serviceId) + "' (see GET /cds-services)");
        }
        String packId = serviceId.substring(0, serviceId.length() - SERVICE_SUFFIX.length());
        return facade.knowledge().pack(packId).orElseThrow(() -> new NotFoundException("CDS service", serviceId,
                "no CDS service '" + org.evidencecds.profile.Quote.cut(serviceId) + "' (see GET /cds-services)"));
    }

    static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, List<Map<String, String>> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("urn:evidence-cds:problem:cds-hooks"));
        if (!errors.isEmpty()) {
            p.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
