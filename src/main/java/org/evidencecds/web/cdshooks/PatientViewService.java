package org.evidencecds.web.cdshooks;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evidencecds.audit.CardLedger;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.fhir.FhirContexts;
import org.evidencecds.fhir.FhirPatientReader;
import org.evidencecds.fhir.FhirReading;
import org.evidencecds.fhir.FhirServerQueries;
import org.evidencecds.fhir.PatientRecord;
import org.evidencecds.fhir.ReadNote;
import org.evidencecds.fhir.ReadingRules;
import org.evidencecds.fhir.ResourceParser;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.web.AuditRecorder;
import org.hl7.fhir.instance.model.api.IBaseResource;
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
    private final CardLedger ledger;
    private final Clock clock;
    private final ReadingRules rules = ReadingRules.standard();
    private final FhirPatientReader reader = new FhirPatientReader(rules);
    private final FhirServerQueries queries = new FhirServerQueries(FhirContexts.r4());
    private final CardBuilder cards;

    public PatientViewService(EvidenceFacade facade, AuditRecorder audit, CardLedger ledger, Clock clock, CdsHooksSettings settings) {
        this.facade = facade;
        this.audit = audit;
        this.ledger = ledger;
        this.clock = clock;
        this.cards = new CardBuilder(settings.baseUrl());
    }

    @PreDestroy
    void close() {
        queries.close();
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
            notes.addAll(fetch.notes());
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
        long row = audit.record("cds-hooks", request.hookInstance(), request.patientId(), profile.values(), Set.of(pack.id()), report, context);
        // feedback is accepted for these cards only, and traced to this row and the findings behind each card
        Instant now = clock.instant();
        ledger.issued(issued.stream().map(c -> new CardLedger.IssuedCard(c.uuid(), serviceId, request.hookInstance(), pack.id(),
                String.join(";", c.findings()), now)).toList(), row);
        return new Answer(issued.stream().map(CardBuilder.Card::json).toList(), null);
    }

    /** Resources fetched for the keys the prefetch lacked, with notes; or why they could not be had. */
    record FhirFetch(Map<String, IBaseResource> resources, List<ReadNote> notes, String failure) {
    }

    /** Queries the FHIR server for the missing prefetch keys only, with the EHR's bearer token. */
    FhirFetch fetch(PatientViewRequest request, Map<String, String> templates, List<String> missing) {
        String bad = FhirServerQueries.checkBase(request.fhirServer());
        if (bad != null) {
            return new FhirFetch(Map.of(), List.of(), "fhirServer cannot be queried: " + bad);
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        missing.forEach(k -> wanted.put(k, templates.get(k)));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("patientId", request.patientId());
        if (request.userId() != null) {
            context.put("userId", request.userId());
        }
        FhirServerQueries.Filled filled = FhirServerQueries.fill(wanted, context);
        if (!filled.skipped().isEmpty()) {
            return new FhirFetch(Map.of(), List.of(), "cannot query " + String.join(", ", filled.skipped().keySet()) + ": "
                    + String.join("; ", filled.skipped().values()));
        }
        FhirServerQueries.Fetched fetched = queries.fetch(request.fhirServer(), request.accessToken(), filled.queries());
        if (!fetched.failures().isEmpty()) {
            List<String> each = fetched.failures().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
            return new FhirFetch(Map.of(), List.of(), "the prefetch lacked " + String.join(", ", missing)
                    + " and the FHIR server could not provide it (" + String.join("; ", each) + ")");
        }
        Map<String, IBaseResource> resources = new LinkedHashMap<>();
        List<ReadNote> notes = new ArrayList<>();
        fetched.outcomes().forEach((key, outcome) -> {
            if (outcome instanceof FhirServerQueries.Found found) {
                resources.put(key, found.resource());
                found.notes().forEach(n -> notes.add(new ReadNote(null, null, "query '" + key + "': " + n)));
            }
        });
        return new FhirFetch(resources, notes, null);
    }

}
