package org.evidencecds.web.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.evidencecds.audit.AuditLog;
import org.evidencecds.fhir.FhirTestServer;
import org.evidencecds.fhir.ResourceParser;
import org.evidencecds.web.WebApplication;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The CDS Hooks 2.0 contract with data as EHRs send it: discovery, one card per pack and only for patients in
 * the evidence's population, what was read and ignored, 412 only when the data cannot be had (prefetch or
 * FHIR server), 400 for a request without a patient, feedback only for issued cards. Today is fixed at
 * 2026-11-29, the date the test data are written against.
 */
@SpringBootTest(classes = WebApplication.class, properties = {"cds-hooks.allow-unauthenticated=true",
        "cds-hooks.base-url=https://cds.example.org/evidence"})
@AutoConfigureMockMvc
class CdsHooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DFU = "/cds-services/dfu-cell-therapy-evidence";

    @TestConfiguration
    static class FixedToday {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog log;

    private static String file(String path) throws Exception {
        return Files.readString(Path.of("src/test/resources", path));
    }

    private JsonNode call(String service, String body, int expectedStatus) throws Exception {
        String answer = mvc.perform(post(service).contentType(MediaType.APPLICATION_JSON).content(body).header("Host", "evil.example.com"))
                .andExpect(status().is(expectedStatus)).andReturn().getResponse().getContentAsString();
        return JSON.readTree(answer);
    }

    @Test
    void discoveryAsksForNarrowedPrefetchDerivedFromWhatEachPackReads() throws Exception {
        JsonNode services = JSON.readTree(mvc.perform(get("/cds-services")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .get("services");
        JsonNode dfu = services.get(0);
        assertThat(dfu.get("id").asText()).isEqualTo("dfu-cell-therapy-evidence");
        assertThat(dfu.get("hook").asText()).isEqualTo("patient-view");
        assertThat(dfu.get("prefetch").get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(dfu.get("prefetch").get("conditions").asText())
                .isEqualTo("Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse,inactive,remission,resolved&_count=100");
        assertThat(dfu.get("prefetch").get("observations").asText())
                .isEqualTo("Observation?patient={{context.patientId}}&code=http://loinc.org|89260-4&status=final,amended,corrected&_sort=-date&_count=100");
        // the type 2 diabetes pack reads the diabetes type only: no Observation query
        assertThat(services.get(1).get("prefetch").fieldNames()).toIterable().containsExactly("patient", "conditions");
    }

    @Test
    void aPatientWithAFootUlcerGetsOneCardWithItsHeadlinesAndWhatWasRead() throws Exception {
        JsonNode cards = call(DFU, file("cds-hooks/patient-view-request.json"), 200).get("cards");
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.get("summary").asText()).hasSizeLessThan(140)
                .isEqualTo("Cell therapy for diabetic foot ulcers: complete ulcer healing OR 4.64 (95% CI 3.11 to 6.90), certainty not rated; +6 more outcomes");
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.get("source").get("url").asText()).isEqualTo("https://doi.org/10.3389/fendo.2026.1763071");
        assertThat(UUID.fromString(card.get("uuid").asText())).isNotNull();
        String detail = card.get("detail").asText();
        assertThat(detail).contains("- **Complete ulcer healing**", "- **Amputation**", "Certainty: ",
                "**Read from the record:**", "- Ulcer area: 12.5 cm², Area of wound (89260-4) of 2026-11-20",
                "- Ulcer duration (non-healing): 273 days, since the onset of Diabetic foot ulcer (280137006) on 2026-03-01",
                "Decision support, not an order");
        // links start at the configured public URL, never at the Host header the request came with
        for (JsonNode link : card.get("links")) {
            assertThat(link.get("url").asText()).startsWith("https://cds.example.org/evidence/");
        }
        assertThat(card.get("links").get(0).get("url").asText()).contains("ulcerAreaCm2=12.5").contains("footUlcer=yes");
        assertThat(card.get("extension").get("org.evidencecds.findings").get(0).asText()).isEqualTo("dfu-cell-therapy/ulcer-healing/overall");
        assertThat(card.fieldNames()).toIterable().isSubsetOf("uuid", "summary", "detail", "indicator", "source", "suggestions",
                "selectionBehavior", "overrideReasons", "links", "extension");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"area-mm2", "hba1c-ifcc", "hba1c-4548-percent", "bad-values", "statuses", "resolved-ulcer", "lookalikes",
            "earliest-onset", "latest-by-effective", "other-patient", "partial-dates", "onset-age", "onset-period", "future-onset",
            "null-prefetch", "no-diabetes-no-ulcer", "big-vitals", "operation-outcome"})
    void everyEhrShapedRequestIsAnsweredNeverWithAnError(String name) throws Exception {
        JsonNode cards = call(DFU, file("fhir/ehr/" + name + ".json"), 200).get("cards");
        boolean currentUlcer = !List.of("hba1c-ifcc", "hba1c-4548-percent", "resolved-ulcer", "lookalikes", "null-prefetch", "onset-age", "onset-period",
                "no-diabetes-no-ulcer").contains(name);
        // patient-view fires at every chart opening: foot-ulcer evidence only for a patient with a current foot ulcer
        assertThat(cards).hasSize(currentUlcer ? 1 : 0);
    }

    @Test
    void whatCouldNotBeReadIsNamedOnTheCardAndInTheAuditRow() throws Exception {
        String body = file("fhir/ehr/bad-values.json");
        String hookInstance = JSON.readTree(body).get("hookInstance").asText();
        String detail = call(DFU, body, 200).get("cards").get(0).get("detail").asText();
        assertThat(detail).contains("**Not used from the record:**", "- ignored: HbA1c: HbA1c 7.4 xyz", "unit 'xyz' is not a UCUM unit",
                "- Ulcer area: 9.5 cm²");
        AuditLog.Row row = log.read(0, 1_000_000).stream().filter(r -> r.requestId().equals(hookInstance)).reduce((a, b) -> b).orElseThrow();
        assertThat(row.channel()).isEqualTo("cds-hooks");
        JsonNode inputs = JSON.readTree(row.inputsJson());
        assertThat(inputs.get("profile").get("ulcerAreaCm2").asDouble()).isEqualTo(9.5);
        assertThat(inputs.get("fhir").get("ignored").toString()).contains("unit 'xyz' is not a UCUM unit").contains("'abc'");
        assertThat(inputs.get("cards").get(0).get("findings").get(0).asText()).isEqualTo("dfu-cell-therapy/ulcer-healing/overall");
    }

    @Test
    void aRequestWithoutAPatientIsRefusedNamingTheField() throws Exception {
        JsonNode problem = call(DFU, file("fhir/ehr/no-patient-id.json"), 400);
        assertThat(problem.get("detail").asText()).isEqualTo("context.patientId: required");
        ObjectNode noHook = (ObjectNode) JSON.readTree(file("cds-hooks/patient-view-request.json"));
        noHook.remove("hookInstance");
        assertThat(call(DFU, noHook.toString(), 400).get("errors").get(0).get("field").asText()).isEqualTo("hookInstance");
        mvc.perform(post("/cds-services/nope-evidence").contentType(MediaType.APPLICATION_JSON).content(file("cds-hooks/patient-view-request.json")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aMissingPrefetchWithoutAFhirServerIs412() throws Exception {
        ObjectNode r = (ObjectNode) JSON.readTree(file("cds-hooks/patient-view-request.json"));
        ((ObjectNode) r.get("prefetch")).remove("observations");
        assertThat(call(DFU, r.toString(), 412).get("detail").asText()).startsWith("the service needs prefetch observations");
    }

    @Test
    void aMissingPrefetchIsQueriedFromTheFhirServerWithTheEhrsToken() throws Exception {
        JsonNode request = JSON.readTree(file("fhir/ehr/area-mm2.json"));
        java.util.Map<String, JsonNode> prefetch = new java.util.LinkedHashMap<>();
        request.get("prefetch").fields().forEachRemaining(e -> prefetch.put(e.getKey(), e.getValue()));
        String patientId = request.get("context").get("patientId").asText();
        List<Resource> resources = new ArrayList<>(ResourceParser.fromPrefetch(prefetch, patientId).resources());
        resources.add(ResourceParser.fromPrefetch(prefetch, patientId).patient());
        try (FhirTestServer server = new FhirTestServer(resources, "ehr-token-123")) {
            ObjectNode r = (ObjectNode) request.deepCopy();
            r.remove("prefetch");
            r.put("fhirServer", server.base());
            ObjectNode auth = r.putObject("fhirAuthorization");
            auth.put("access_token", "ehr-token-123").put("token_type", "Bearer").put("expires_in", 300)
                    .put("scope", "patient/Patient.read patient/Condition.read patient/Observation.read").put("subject", "cds-service");
            JsonNode card = call(DFU, r.toString(), 200).get("cards").get(0);
            assertThat(card.get("detail").asText()).contains("- Ulcer area: 5 cm², from Area of wound (89260-4) 500 mm2");
            assertThat(server.requests).hasSize(3).allSatisfy(q -> assertThat(q).endsWith(" Bearer ehr-token-123"))
                    .anySatisfy(q -> assertThat(q).startsWith("/fhir/Patient/" + patientId + " "))
                    .anySatisfy(q -> assertThat(q).startsWith("/fhir/Condition?patient=" + patientId + "&clinical-status="))
                    .anySatisfy(q -> assertThat(q).startsWith("/fhir/Observation?patient=" + patientId + "&code=http://loinc.org%7C89260-4"));
            // only what the prefetch lacks is queried
            server.requests.clear();
            ObjectNode partial = (ObjectNode) request.deepCopy();
            ((ObjectNode) partial.get("prefetch")).remove("observations");
            partial.put("fhirServer", server.base());
            partial.set("fhirAuthorization", auth);
            call(DFU, partial.toString(), 200);
            assertThat(server.requests).singleElement().satisfies(q -> assertThat(q).startsWith("/fhir/Observation?"));
            // a wrong token: the data cannot be had, so 412 naming the server's answer
            auth.put("access_token", "stale-token");
            assertThat(call(DFU, r.toString(), 412).get("detail").asText()).contains("FHIR server answered 401");
        }
    }

    @Test
    void feedbackIsKeptOnlyForIssuedCardsWithTheFindingBehindThem() throws Exception {
        String uuid = call(DFU, file("cds-hooks/patient-view-request.json"), 200).get("cards").get(0).get("uuid").asText();
        String feedback = "{\"feedback\":[{\"card\":\"" + uuid + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"not-applicable\","
                + "\"system\":\"https://ehr.example.org/override-reasons\",\"display\":\"Not applicable to this patient\"},\"userComment\":\"ischaemic foot\"},"
                + "\"outcomeTimestamp\":\"2026-11-29T12:05:00Z\"}]}";
        mvc.perform(post(DFU + "/feedback").contentType(MediaType.APPLICATION_JSON).content(feedback)).andExpect(status().isOk());
        AuditLog.Row row = log.read(0, 1_000_000).stream().filter(r -> r.requestId().equals(uuid) && r.channel().equals("cds-hooks-feedback"))
                .reduce((a, b) -> b).orElseThrow();
        JsonNode kept = JSON.readTree(row.inputsJson());
        assertThat(kept.get("outcome").asText()).isEqualTo("overridden");
        assertThat(kept.get("request").asText()).isEqualTo("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        assertThat(kept.get("findings").get(0).asText()).isEqualTo("dfu-cell-therapy/ulcer-healing/overall");
        assertThat(kept.get("overrideReason").get("reason").get("code").asText()).isEqualTo("not-applicable");
        assertThat(kept.get("overrideReason").get("userComment").asText()).isEqualTo("ischaemic foot");
        assertThat(kept.get("outcomeTimestamp").asText()).isEqualTo("2026-11-29T12:05:00Z");
        assertThat(log.verify().ok()).isTrue();

        String unknown = "{\"feedback\":[{\"card\":\"9368d37b-283f-44a0-93ea-547cebf5fd1e\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-29T12:05:00Z\"}]}";
        String refused = mvc.perform(post(DFU + "/feedback").contentType(MediaType.APPLICATION_JSON).content(unknown))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("feedback[0].card", "was issued by dfu-cell-therapy-evidence");
        assertThat(log.read(0, 1_000_000)).noneMatch(r -> r.requestId().equals("9368d37b-283f-44a0-93ea-547cebf5fd1e"));
        // the same card through another service is unknown there
        mvc.perform(post("/cds-services/t2dm-msc-evidence/feedback").contentType(MediaType.APPLICATION_JSON).content(feedback))
                .andExpect(status().isNotFound());
        mvc.perform(post(DFU + "/feedback").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"feedback\":[{\"card\":\"" + uuid + "\",\"outcome\":\"accepted\"}]}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theType2DiabetesServiceAnswersForType2AndStaysSilentOtherwise() throws Exception {
        String request = file("cds-hooks/t2dm-request.json");
        JsonNode cards = call("/cds-services/t2dm-msc-evidence", request, 200).get("cards");
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).get("summary").asText()).hasSizeLessThan(140).startsWith("MSC therapy");
        assertThat(cards.get(0).get("extension").get("org.evidencecds.pack").asText()).isEqualTo("t2dm-msc");
        String typeOne = request.replace("\"44054006\", \"display\": \"Diabetes mellitus type 2\"", "\"46635009\", \"display\": \"Diabetes mellitus type 1\"");
        assertThat(call("/cds-services/t2dm-msc-evidence", typeOne, 200).get("cards")).isEmpty();
        // the foot-ulcer service says nothing for this patient: no foot ulcer recorded (null: the EHR found no Observation)
        ObjectNode noObservations = (ObjectNode) JSON.readTree(request);
        ((ObjectNode) noObservations.get("prefetch")).putNull("observations");
        assertThat(call(DFU, noObservations.toString(), 200).get("cards")).isEmpty();
    }
}
