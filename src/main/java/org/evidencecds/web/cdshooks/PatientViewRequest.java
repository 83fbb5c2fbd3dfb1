package org.evidencecds.web.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.web.RequestIds;

/**
 * A CDS Hooks 2.0 patient-view call, checked: hook, hookInstance, context.patientId; the prefetch values
 * by key (a key sent as null means the EHR's query found nothing); the FHIR server and its bearer token.
 */
record PatientViewRequest(String hookInstance, String patientId, String userId, Map<String, JsonNode> prefetch,
                          String fhirServer, String accessToken) {

    /** A request that cannot be answered, with the field and the reason. */
    static final class Invalid extends Exception {
        final List<Map<String, String>> errors;

        Invalid(List<Map<String, String>> errors) {
            super(String.join("; ", errors.stream().map(e -> e.get("field") + ": " + e.get("reason")).toList()));
            this.errors = errors;
        }
    }

    static PatientViewRequest of(JsonNode body) throws Invalid {
        List<Map<String, String>> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new Invalid(List.of(Map.of("field", "(body)", "reason", "must be a CDS Hooks request object")));
        }
        String hook = text(body, "hook", "hook", errors);
        if (hook != null && !"patient-view".equals(hook)) {
            errors.add(Map.of("field", "hook", "reason", "must be patient-view for this service, got " + org.evidencecds.profile.Quote.of(hook)));
        }
        String hookInstance = text(body, "hookInstance", "hookInstance", errors);
        if (hookInstance != null && RequestIds.problem(hookInstance) != null) {
            errors.add(Map.of("field", "hookInstance", "reason", RequestIds.problem(hookInstance)));
        }
        JsonNode context = body.get("context");
        String patientId = null;
        String userId = null;
        if (context == null || !context.isObject()) {
            errors.add(Map.of("field", "context", "reason", "required: an object with patientId and userId"));
        } else {
            patientId = text(context, "patientId", "context.patientId", errors);
            if (patientId != null && !patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
                errors.add(Map.of("field", "context.patientId", "reason", "must be a FHIR id (letters, digits, '-' and '.', at most 64)"));
            }
            userId = context.path("userId").isTextual() ? context.get("userId").asText() : null;
        }
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        JsonNode p = body.get("prefetch");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                errors.add(Map.of("field", "prefetch", "reason", "must be an object of prefetch keys"));
            } else {
                p.fields().forEachRemaining(e -> prefetch.put(e.getKey(), e.getValue()));
            }
        }
        String fhirServer = body.path("fhirServer").isTextual() ? body.get("fhirServer").asText() : null;
        String token = null;
        JsonNode auth = body.get("fhirAuthorization");
        if (auth != null && !auth.isNull()) {
            if (!auth.path("access_token").isTextual() || auth.get("access_token").asText().isBlank()) {
                errors.add(Map.of("field", "fhirAuthorization.access_token", "reason", "required when fhirAuthorization is given"));
            } else if (auth.has("token_type") && !"Bearer".equalsIgnoreCase(auth.path("token_type").asText())) {
                errors.add(Map.of("field", "fhirAuthorization.token_type", "reason", "must be Bearer"));
            } else {
                token = auth.get("access_token").asText();
            }
            if (fhirServer == null) {
                errors.add(Map.of("field", "fhirServer", "reason", "required when fhirAuthorization is given"));
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new PatientViewRequest(hookInstance, patientId, userId, prefetch, fhirServer, token);
    }

    private static String text(JsonNode node, String field, String path, List<Map<String, String>> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            errors.add(Map.of("field", path, "reason", "required"));
            return null;
        }
        if (!v.isTextual()) {
            errors.add(Map.of("field", path, "reason", "must be a string"));
            return null;
        }
        return v.asText();
    }
}
