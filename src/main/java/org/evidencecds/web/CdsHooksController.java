package org.evidencecds.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * CDS Hooks 2.0: discovery, a patient-view service per evidence pack, and feedback. The profile is read
 * from prefetched FHIR R4 resources only; without the prefetch the service needs, it answers 412.
 *
 * <p>Recognised resources: Condition for diabetes (ICD-10 E10/E11/E13, SNOMED CT 73211009, 44054006,
 * 46635009, or text containing "diabetes") with {@code onsetDateTime} → diabetesDurationYears; Observation
 * with code {@code urn:evidence-cds:profile-field|<field>} (or text "ulcer area") and a valueQuantity in the
 * field's unit → that field; Condition or Observation for the foot ulcer (text containing "ulcer") with
 * {@code onsetDateTime} → ulcerDurationDays.
 */
@RestController
public class CdsHooksController {

    static final String FIELD_SYSTEM = "urn:evidence-cds:profile-field";
    static final String SERVICE_SUFFIX = "-evidence";

    private final EvidenceFacade facade;
    private final AuditRecorder audit;

    public CdsHooksController(EvidenceFacade facade, AuditRecorder audit) {
        this.facade = facade;
        this.audit = audit;
    }

    @GetMapping(value = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> discovery() {
        List<Map<String, Object>> services = new ArrayList<>();
        for (EvidencePack p : facade.knowledge().packs()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("hook", "patient-view");
            s.put("id", p.id() + SERVICE_SUFFIX);
            s.put("title", "Evidence: " + p.info().title());
            s.put("description", "What published evidence on " + p.info().intervention() + " shows for this patient, with certainty and provenance.");
            Map<String, String> prefetch = new LinkedHashMap<>();
            prefetch.put("patient", "Patient/{{context.patientId}}");
            prefetch.put("conditions", "Condition?patient={{context.patientId}}");
            prefetch.put("observations", "Observation?patient={{context.patientId}}");
            s.put("prefetch", prefetch);
            s.put("usageRequirements", "Send the prefetch: the service does not call the FHIR server.");
            services.add(s);
        }
        return Map.of("services", services);
    }

    @PostMapping(value = "/cds-services/{id}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> call(@PathVariable String id, @RequestBody JsonNode request) {
        EvidencePack pack = packFor(id);
        List<String> missing = new ArrayList<>();
        for (String field : List.of("hook", "hookInstance", "context")) {
            if (!request.hasNonNull(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid CDS Hooks request", "missing required field(s): " + String.join(", ", missing));
        }
        if (!"patient-view".equals(request.get("hook").asText())) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid CDS Hooks request", "hook must be patient-view for this service, got "
                    + request.get("hook").asText());
        }
        JsonNode prefetch = request.get("prefetch");
        List<String> needed = new ArrayList<>();
        for (String key : List.of("conditions", "observations")) {
            if (prefetch == null || !prefetch.has(key) || prefetch.get(key).isNull()) {
                needed.add(key);
            }
        }
        if (!needed.isEmpty()) {
            return problem(HttpStatus.PRECONDITION_FAILED, "Prefetch missing",
                    "the service needs prefetch " + String.join(" and ", needed) + " (it does not query the FHIR server)");
        }
        Map<String, Object> values = profileFrom(prefetch, LocalDate.now(ZoneOffset.UTC));
        PatientProfile profile = PatientProfile.of(values);
        EvidenceReport report = facade.evaluate(profile, java.util.Set.of(pack.id()));
        audit.record("cds-hooks", request.get("hookInstance").asText(), request.get("context").path("patientId").asText(null), values,
                java.util.Set.of(pack.id()), report);
        // outside the pack's population (or not shown to be in it): nothing to say, so no card interrupts the clinician
        if (!report.outsidePopulation().isEmpty()) {
            return ResponseEntity.ok(Map.of("cards", List.of()));
        }
        return ResponseEntity.ok(Map.of("cards", cards(report, pack)));
    }

    @PostMapping(value = "/cds-services/{id}/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> feedback(@PathVariable String id, @RequestBody JsonNode body) {
        packFor(id);
        JsonNode items = body.get("feedback");
        if (items == null || !items.isArray()) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid feedback", "feedback must be an array of {card, outcome, outcomeTimestamp}");
        }
        for (JsonNode item : items) {
            if (!item.hasNonNull("card") || !item.hasNonNull("outcome")) {
                return problem(HttpStatus.BAD_REQUEST, "Invalid feedback", "each feedback item needs card and outcome");
            }
            String outcome = item.get("outcome").asText();
            if (!List.of("accepted", "overridden").contains(outcome)) {
                return problem(HttpStatus.BAD_REQUEST, "Invalid feedback", "outcome must be accepted or overridden, got " + outcome);
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("service", id);
            record.put("card", item.get("card").asText());
            record.put("outcome", outcome);
            record.put("outcomeTimestamp", item.hasNonNull("outcomeTimestamp") ? item.get("outcomeTimestamp").asText() : null);
            record.put("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
            // kept in the tamper-evident audit log, not in memory: it survives restarts and is read with the log
            audit.recordFeedback(item.get("card").asText(), record, facade.knowledge().version());
        }
        return ResponseEntity.ok().build();
    }

    private EvidencePack packFor(String serviceId) {
        if (!serviceId.endsWith(SERVICE_SUFFIX)) {
            throw new NotFoundException("CDS service", serviceId, "no CDS service '" + serviceId + "' (see GET /cds-services)");
        }
        String packId = serviceId.substring(0, serviceId.length() - SERVICE_SUFFIX.length());
        return facade.knowledge().pack(packId).orElseThrow(() -> new NotFoundException("CDS service", serviceId,
                "no CDS service '" + serviceId + "' (see GET /cds-services)"));
    }

    /**
     * The profile from the prefetched Conditions and Observations, as the field definitions (fields.yaml)
     * say: time since a matching Condition's onset, a value from a matching Condition, or an Observation
     * coded with the field's name (or a code text the field lists).
     */
    static Map<String, Object> profileFrom(JsonNode prefetch, LocalDate today) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (JsonNode resource : entries(prefetch.get("conditions"))) {
            String onset = resource.path("onsetDateTime").asText(null);
            for (ProfileField field : ProfileSchema.FIELDS) {
                ProfileField.Onset since = field.fhir().conditionOnset();
                if (since != null && onset != null && matches(resource, since.match())) {
                    long days = ChronoUnit.DAYS.between(date(onset), today);
                    values.put(field.name(), since.unit().equals("years") ? days / 365.25 : (double) days);
                }
                if (since == null || onset != null) {
                    for (Map.Entry<String, ProfileField.Match> v : field.fhir().conditionValue().entrySet()) {
                        if (matches(resource, v.getValue()) && !values.containsKey(field.name())) {
                            values.put(field.name(), v.getKey());
                        }
                    }
                }
            }
        }
        for (JsonNode resource : entries(prefetch.get("observations"))) {
            String field = null;
            for (JsonNode coding : resource.path("code").path("coding")) {
                if (FIELD_SYSTEM.equals(coding.path("system").asText())) {
                    field = coding.path("code").asText();
                }
            }
            String text = text(resource);
            for (ProfileField f : ProfileSchema.FIELDS) {
                if (field == null && f.fhir().observationText().stream().anyMatch(text::contains)) {
                    field = f.name();
                }
            }
            JsonNode quantity = resource.get("valueQuantity");
            if (field != null && quantity != null && quantity.has("value")) {
                values.put(field, quantity.get("value").asDouble());
            }
        }
        return values;
    }

    /** A Condition matches when it has one of the codes, or its text has one of the words and none of the excluded ones. */
    private static boolean matches(JsonNode resource, ProfileField.Match match) {
        for (String code : match.codes()) {
            if (hasCode(resource, code)) {
                return true;
            }
        }
        String text = text(resource);
        return match.text().stream().anyMatch(text::contains) && match.excludeText().stream().noneMatch(text::contains);
    }

    private static List<JsonNode> entries(JsonNode bundle) {
        List<JsonNode> out = new ArrayList<>();
        if (bundle == null) {
            return out;
        }
        if (bundle.has("entry")) {
            bundle.get("entry").forEach(e -> out.add(e.path("resource")));
        } else if (bundle.has("resourceType")) {
            out.add(bundle);
        }
        return out;
    }

    private static boolean hasCode(JsonNode resource, String code) {
        for (JsonNode coding : resource.path("code").path("coding")) {
            String c = coding.path("code").asText("");
            if (c.equals(code) || (code.length() == 3 && c.startsWith(code))) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode resource) {
        StringBuilder s = new StringBuilder(resource.path("code").path("text").asText(""));
        resource.path("code").path("coding").forEach(c -> s.append(' ').append(c.path("display").asText("")));
        return s.toString().toLowerCase(Locale.ROOT);
    }

    private static LocalDate date(String dateTime) {
        return LocalDate.parse(dateTime.substring(0, 10));
    }

    private List<Map<String, Object>> cards(EvidenceReport report, EvidencePack pack) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        List<Map<String, Object>> cards = new ArrayList<>();
        EvidenceReport.PackReport p = report.packs().get(0);
        List<String> patientClaims = new ArrayList<>();
        for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
            for (EvidenceReport.FindingView f : o.findings()) {
                if ("patient".equals(f.role()) && f.credibility() != null) {
                    patientClaims.add("- " + f.slice() + ": " + f.effect() + " — subgroup credibility " + f.credibility().level().words());
                }
            }
            if (o.headlineFinding() == null) {
                continue;
            }
            EvidenceReport.FindingView f = o.findings().stream().filter(x -> x.id().equals(o.headlineFinding())).findFirst().orElseThrow();
            String numbers = f.effect();
            String summary = truncate(o.name() + " with " + pack.info().interventionName() + ": " + numbers + "; certainty "
                    + (f.certainty().rated() ? f.certainty().level().words() : "not rated"), 139);
            StringBuilder detail = new StringBuilder();
            detail.append("**").append(o.name()).append("** — ").append(f.slice()).append(": ").append(numbers).append("\n\n");
            detail.append("**Certainty:** ").append(f.certainty().summary()).append("\n\n").append(f.certainty().statement()).append("\n\n");
            detail.append("**Why this estimate:** ").append(o.headlineWhy()).append("\n\n");
            for (EvidenceReport.FindingView other : o.findings()) {
                if (other.credibility() != null) {
                    detail.append("- ").append(other.slice()).append(": ").append(other.effect()).append(" — subgroup credibility ")
                            .append(other.credibility().level().words()).append("\n");
                }
            }
            detail.append("\n_").append(EvidenceFacade.NOTICE).append("_");
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("uuid", UUID.randomUUID().toString());
            card.put("summary", summary);
            card.put("detail", detail.toString());
            card.put("indicator", "info");
            // the estimate's own source, which may be another review than the pack's anchor review
            card.put("source", source(f.shortCitation(), f.doi()));
            card.put("links", List.of(Map.of("label", "Provenance of this estimate", "url",
                    base + "/provenance?rule=" + f.id(), "type", "absolute")));
            card.put("extension", Map.of("org.evidencecds.knowledgeVersion", report.knowledgeVersion(),
                    "org.evidencecds.finding", f.id(), "org.evidencecds.pack", pack.id()));
            cards.add(card);
        }
        if (!patientClaims.isEmpty()) {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("uuid", UUID.randomUUID().toString());
            card.put("summary", truncate("Subgroup claims that apply to this patient: " + patientClaims.size() + ", none credible enough to change the estimate", 139));
            card.put("detail", "The review's subgroup claims for this patient's characteristics:\n\n" + String.join("\n", patientClaims)
                    + "\n\nThey come from comparisons across trials; the overall estimates apply.\n\n_" + EvidenceFacade.NOTICE + "_");
            card.put("indicator", "info");
            card.put("source", source(p.review(), p.reviewDoi()));
            card.put("links", List.of(Map.of("label", "All evidence for this patient", "url", base + "/", "type", "absolute")));
            card.put("extension", Map.of("org.evidencecds.knowledgeVersion", report.knowledgeVersion(), "org.evidencecds.pack", pack.id()));
            cards.add(card);
        }
        return cards;
    }

    /** The card's source: a review, linked by its DOI. */
    private static Map<String, Object> source(String citation, String doi) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("label", shortCitation(citation));
        if (doi != null) {
            source.put("url", "https://doi.org/" + doi);
        }
        return source;
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String shortCitation(String citation) {
        if (citation == null) {
            return "Evidence pack";
        }
        int dot = citation.indexOf('.');
        String authors = dot > 0 ? citation.substring(0, dot) : citation;
        return truncate(authors.split(",")[0].trim() + " et al. — systematic review", 80);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
