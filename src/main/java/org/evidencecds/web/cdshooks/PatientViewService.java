package org.evidencecds.web.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.fhir.FhirPatientReader;
import org.evidencecds.fhir.FhirReading;
import org.evidencecds.fhir.PatientRecord;
import org.evidencecds.fhir.ReadNote;
import org.evidencecds.fhir.ReadingRules;
import org.evidencecds.fhir.ResourceParser;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.web.AuditRecorder;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Answers a patient-view call for one pack: gets the patient's data (the prefetch, else the FHIR server
 * with the EHR's bearer token), reads it by the reading rules, evaluates the pack, and builds at most one
 * card; records the answer, what was read and ignored, and the issued cards before it is returned.
 */
@Service
public class PatientViewService {

    private final EvidenceFacade facade;
    private final AuditRecorder audit;
    private final Clock clock;
    private final ReadingRules rules = ReadingRules.standard();
    private final FhirPatientReader reader = new FhirPatientReader(ReadingRules.standard());
    private final CardBuilder cards;

    public PatientViewService(EvidenceFacade facade, AuditRecorder audit, Clock clock,
                              @Value("${cds-hooks.base-url:http://localhost:8080}") String baseUrl) {
        this.facade = facade;
        this.audit = audit;
        this.clock = clock;
        this.cards = new CardBuilder(baseUrl);
    }

    /** The answer: cards, or a precondition failure (412) naming the data that could not be had. */
    public record Answer(List<Map<String, Object>> cards, String preconditionFailed) {
    }

    public Map<String, String> templates(EvidencePack pack) {
        return PrefetchTemplates.forPack(pack, rules);
    }

    Answer answer(String serviceId, EvidencePack pack, PatientViewRequest request, String client) {
        Map<String, String> templates = templates(pack);
        List<String> missing = templates.keySet().stream().filter(k -> !request.prefetch().containsKey(k)).toList();
        Map<String, IBaseResource> fetched = Map.of();
        List<ReadNote> notes = new ArrayList<>();
        if (!missing.isEmpty()) {
            if (request.fhirServer() == null) {
                return new Answer(null, "the service needs prefetch " + String.join(", ", missing)
                        + " (see GET /cds-services), or fhirServer (with fhirAuthorization) to query them itself");
            }
            FhirFetch fetch = fetch(request, templates, missing);
            if (fetch.failure() != null) {
                return new Answer(null, fetch.failure());
            }
            fetched = fetch.resources();
        }
        PatientRecord record = ResourceParser.fromPrefetchAndQueries(request.prefetch(), fetched, request.patientId(), notes);
        FhirReading reading = reader.read(record, LocalDate.now(clock));
        PatientProfile profile = PatientProfile.of(reading.values());
        EvidenceReport report = facade.evaluate(profile, Set.of(pack.id()));
        List<CardBuilder.Card> issued = new ArrayList<>();
        // outside the pack's population (or not shown to be in it): nothing to say, so no card interrupts the clinician
        if (report.outsidePopulation().isEmpty()) {
            issued.add(cards.card(report, pack, reading));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("fhir", reading.summary());
        context.put("source", fetched.isEmpty() ? "prefetch" : "prefetch and FHIR server");
        if (client != null) {
            context.put("client", client);
        }
        context.put("cards", issued.stream().map(c -> Map.of("uuid", c.uuid(), "findings", c.findings())).toList());
        audit.record("cds-hooks", request.hookInstance(), request.patientId(), profile.values(), Set.of(pack.id()), report, context);
        recordIssued(serviceId, pack, request, issued);
        return new Answer(issued.stream().map(CardBuilder.Card::json).toList(), null);
    }

    record FhirFetch(Map<String, IBaseResource> resources, String failure) {
    }

    FhirFetch fetch(PatientViewRequest request, Map<String, String> templates, List<String> missing) {
        return new FhirFetch(Map.of(), "the FHIR server is not queried yet");
    }

    void recordIssued(String serviceId, EvidencePack pack, PatientViewRequest request, List<CardBuilder.Card> issued) {
    }

}
