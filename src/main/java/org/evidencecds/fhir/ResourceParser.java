package org.evidencecds.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns FHIR R4 JSON as EHRs send it (CDS Hooks prefetch values, search Bundles, Synthea's transaction
 * Bundles) into HAPI resources for one patient. Each resource is parsed on its own, so one malformed
 * resource is left out with a note naming it and its bad element, and never costs the others.
 */
public final class ResourceParser {

    private ResourceParser() {
    }

    /**
     * The resources of CDS Hooks prefetch values (key to a Bundle, a resource, or null for "no data").
     * An OperationOutcome (the EHR could not fetch) is noted, not read.
     */
    public static PatientRecord fromPrefetch(Map<String, JsonNode> prefetch, String patientId) {
        return fromPrefetchAndQueries(prefetch, Map.of(), patientId, List.of());
    }

    /**
     * The resources of prefetch values and of resources fetched from the FHIR server for the keys the
     * prefetch lacked, with notes on what could not be fetched.
     */
    public static PatientRecord fromPrefetchAndQueries(Map<String, JsonNode> prefetch, Map<String, IBaseResource> fetched,
                                                       String patientId, List<ReadNote> notes) {
        Collected c = new Collected();
        c.notes.addAll(notes);
        prefetch.forEach((key, value) -> c.add(value, "prefetch '" + org.evidencecds.profile.Quote.cut(key) + "'"));
        fetched.forEach((key, r) -> c.addParsed(r, "query '" + key + "'"));
        return c.record(patientId);
    }

    /** The resources of a Bundle file (e.g. Synthea's output); without an id, the Bundle's only Patient is the patient. */
    public static PatientRecord fromBundle(JsonNode bundle, String patientId) {
        Collected c = new Collected();
        c.add(bundle, "the Bundle");
        return c.record(patientId);
    }

    private static final class Collected {
        final List<Resource> resources = new ArrayList<>();
        final Map<Resource, String> fullUrls = new LinkedHashMap<>();
        final List<ReadNote> notes = new ArrayList<>();

        void addParsed(IBaseResource r, String where) {
            if (r instanceof Bundle b) {
                for (Bundle.BundleEntryComponent e : b.getEntry()) {
                    if (e.getResource() != null) {
                        accept(e.getResource(), e.getFullUrl(), where);
                    }
                }
            } else if (r instanceof Resource res) {
                accept(res, null, where);
            }
        }

        void add(JsonNode value, String where) {
            if (value == null || value.isNull()) {
                return; // CDS Hooks: null means the query found nothing
            }
            if (!value.isObject() || !value.hasNonNull("resourceType")) {
                notes.add(new ReadNote(null, null, where + " is not a FHIR resource: ignored"));
                return;
            }
            if ("Bundle".equals(value.get("resourceType").asText())) {
                JsonNode entries = value.path("entry");
                for (int i = 0; i < entries.size(); i++) {
                    JsonNode e = entries.get(i);
                    JsonNode resource = e.path("resource");
                    String fullUrl = e.path("fullUrl").asText(null);
                    if (resource.isObject()) {
                        parse(resource, fullUrl, where + " entry " + (i + 1));
                    }
                }
                return;
            }
            parse(value, null, where);
        }

        private void parse(JsonNode json, String fullUrl, String where) {
            String type = json.path("resourceType").asText("?");
            String name = org.evidencecds.profile.Quote.cut(type) + (json.hasNonNull("id") ? "/" + org.evidencecds.profile.Quote.cut(json.get("id").asText()) : "");
            List<String> problems = new ArrayList<>();
            IParser parser = FhirContexts.r4().newJsonParser().setParserErrorHandler(new Problems(problems));
            Resource resource;
            try {
                IBaseResource parsed = parser.parseResource(json.toString());
                if (!(parsed instanceof Resource r)) {
                    notes.add(new ReadNote(null, name, "not an R4 resource (" + where + "): ignored"));
                    return;
                }
                resource = r;
            } catch (DataFormatException | IllegalArgumentException e) {
                notes.add(new ReadNote(null, name, "not valid FHIR R4 (" + where + "): " + firstLine(e.getMessage()) + "; ignored"));
                return;
            } catch (RuntimeException e) {
                // the FHIR parser failing on an odd input of its own (e.g. a property named "" throws
                // StringIndexOutOfBoundsException): the resource is not read, the request is still answered
                notes.add(new ReadNote(null, name, "not valid FHIR R4 (" + where + "): the FHIR parser could not read it; ignored"));
                return;
            }
            if (!problems.isEmpty()) {
                // a resource with an invalid value (a quantity of "abc", a date of 2021-13-45) is not read at all:
                // what it would say is unknown
                notes.add(new ReadNote(null, name, String.join("; ", problems) + " (" + where + "): ignored"));
                return;
            }
            accept(resource, fullUrl, where);
        }

        void accept(Resource resource, String fullUrl, String where) {
            if (resource instanceof OperationOutcome oo) {
                List<String> issues = oo.getIssue().stream().map(i -> i.hasDiagnostics() ? i.getDiagnostics()
                        : i.getDetails().hasText() ? i.getDetails().getText() : i.getCode() == null ? "?" : i.getCode().toCode()).toList();
                notes.add(new ReadNote(null, null, where + " is an OperationOutcome (the EHR could not fetch it"
                        + (issues.isEmpty() ? "" : ": " + String.join("; ", issues)) + ")"));
                return;
            }
            resources.add(resource);
            if (fullUrl != null) {
                fullUrls.put(resource, fullUrl);
            }
        }

        PatientRecord record(String patientId) {
            List<Patient> patients = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast).toList();
            Patient patient = null;
            String id = patientId;
            if (id == null && patients.size() == 1) {
                patient = patients.get(0);
                id = patient.getIdElement().getIdPart();
            } else if (id != null) {
                for (Patient p : patients) {
                    if (id.equals(p.getIdElement().getIdPart())) {
                        patient = p;
                    }
                }
            }
            List<String> references = new ArrayList<>();
            if (id != null) {
                references.add("Patient/" + id);
            }
            if (patient != null && fullUrls.containsKey(patient)) {
                references.add(fullUrls.get(patient));
            }
            for (Patient p : patients) {
                if (p != patient) {
                    notes.add(new ReadNote(null, "Patient/" + p.getIdElement().getIdPart(), "another patient: ignored"));
                }
            }
            List<Resource> others = resources.stream().filter(r -> !(r instanceof Patient)).toList();
            return new PatientRecord(id, patient, others, references, notes);
        }
    }

    private static String firstLine(String s) {
        String one = s == null ? "" : s.lines().findFirst().orElse("").replaceFirst("^HAPI-\\d+: ", "");
        // the parser's message may quote the value it refused: a note stays short whatever was sent
        return one.length() <= 200 ? one : one.substring(0, 200) + "…";
    }

    /** Collects the parser's complaints about values; unknown elements (extensions of other versions) are not errors. */
    private record Problems(List<String> out) implements IParserErrorHandler {
        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            out.add("element '" + element(location) + "' has an invalid value '" + org.evidencecds.profile.Quote.cut(value) + "'");
        }

        @Override
        public void incorrectJsonType(IParseLocation location, String element, BaseJsonLikeValue.ValueType expected,
                                      BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
                                      BaseJsonLikeValue.ScalarType foundScalar) {
            // a number sent as a string ("12.5") is read by HAPI as intended; an object or array where a value belongs is not
            if (found != BaseJsonLikeValue.ValueType.SCALAR || expected != BaseJsonLikeValue.ValueType.SCALAR) {
                out.add("element '" + element + "' has the wrong JSON type (" + found + " instead of " + expected + ")");
            }
        }

        private static String element(IParseLocation location) {
            return location == null || location.getParentElementName() == null ? "?" : location.getParentElementName();
        }

        @Override
        public void containedResourceWithNoId(IParseLocation location) {
        }

        @Override
        public void missingRequiredElement(IParseLocation location, String element) {
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String element) {
        }

        @Override
        public void unknownAttribute(IParseLocation location, String attributeName) {
        }

        @Override
        public void unknownElement(IParseLocation location, String elementName) {
        }

        @Override
        public void unknownReference(IParseLocation location, String reference) {
        }

        @Override
        public void invalidInternalReference(IParseLocation location, String reference) {
        }

        @Override
        public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        }
    }
}
