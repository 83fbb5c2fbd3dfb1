package org.evidencecds.web.cdshooks;

import org.evidencecds.web.WebApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The CDS Hooks 2.0 contract: discovery, the service response, 412, feedback. */
@SpringBootTest(classes = WebApplication.class)
@AutoConfigureMockMvc
class CdsHooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INDICATORS = List.of("info", "warning", "critical");

    @Autowired
    MockMvc mvc;

    @Autowired
    org.evidencecds.audit.AuditLog log;

    private static String request() throws Exception {
        return Files.readString(Path.of("src/test/resources/cds-hooks/patient-view-request.json"));
    }

    @Test
    void discoveryListsAPatientViewServicePerPack() throws Exception {
        JsonNode d = JSON.readTree(mvc.perform(get("/cds-services")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode service = d.get("services").get(0);
        for (String required : List.of("hook", "id", "description")) {
            assertThat(service.hasNonNull(required)).as(required).isTrue();
        }
        assertThat(service.get("hook").asText()).isEqualTo("patient-view");
        assertThat(service.get("id").asText()).isEqualTo("dfu-cell-therapy-evidence");
        assertThat(service.get("prefetch").get("conditions").asText()).isEqualTo("Condition?patient={{context.patientId}}");
    }

    @Test
    void cardsFollowTheContract() throws Exception {
        String body = mvc.perform(post("/cds-services/dfu-cell-therapy-evidence").contentType(MediaType.APPLICATION_JSON).content(request()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode cards = JSON.readTree(body).get("cards");
        assertThat(cards.size()).isGreaterThanOrEqualTo(2);
        for (JsonNode card : cards) {
            assertThat(card.get("summary").asText()).hasSizeLessThan(140).isNotBlank();
            assertThat(INDICATORS).contains(card.get("indicator").asText());
            assertThat(card.get("source").get("label").asText()).isNotBlank();
            assertThat(card.get("source").get("url").asText()).isEqualTo("https://doi.org/10.3389/fendo.2026.1763071");
            assertThat(UUID.fromString(card.get("uuid").asText())).isNotNull();
            JsonNode link = card.get("links").get(0);
            assertThat(link.get("type").asText()).isIn("absolute", "smart");
            if (card.get("extension").has("org.evidencecds.finding")) {
                assertThat(card.get("detail").asText()).contains("**Certainty:**");
                assertThat(link.get("url").asText()).contains("/provenance?rule=dfu-cell-therapy/");
            }
            assertThat(card.get("extension").get("org.evidencecds.knowledgeVersion").asText()).startsWith("dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.");
            assertThat(card.fieldNames()).toIterable().isSubsetOf("uuid", "summary", "detail", "indicator", "source", "suggestions",
                    "selectionBehavior", "overrideReasons", "links", "extension");
        }
        JsonNode healing = cards.get(0);
        assertThat(healing.get("summary").asText()).isEqualTo("Complete ulcer healing with cell therapy: OR 4.64 (95% CI 3.11 to 6.90); certainty not rated");
        assertThat(healing.get("detail").asText()).contains("Bone marrow-derived mesenchymal stem cells (BMMSCs): OR 8.33 (95% CI not published) — subgroup credibility very low");
        JsonNode subgroups = cards.get(cards.size() - 1);
        assertThat(subgroups.get("summary").asText()).startsWith("Subgroup claims that apply to this patient: 3");
        assertThat(subgroups.get("detail").asText()).contains("- ≥ 10 cm²: direction only: larger benefit (no estimate published) — subgroup credibility very low");
    }

    @Test
    void missingPrefetchIs412AndABadRequestIs400() throws Exception {
        ObjectNode r = (ObjectNode) JSON.readTree(request());
        ((ObjectNode) r.get("prefetch")).remove("observations");
        mvc.perform(post("/cds-services/dfu-cell-therapy-evidence").contentType(MediaType.APPLICATION_JSON).content(r.toString()))
                .andExpect(status().isPreconditionFailed());
        ObjectNode noHook = (ObjectNode) JSON.readTree(request());
        noHook.remove("hookInstance");
        mvc.perform(post("/cds-services/dfu-cell-therapy-evidence").contentType(MediaType.APPLICATION_JSON).content(noHook.toString()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/cds-services/nope-evidence").contentType(MediaType.APPLICATION_JSON).content(request()))
                .andExpect(status().isNotFound());
    }

    @Test
    void feedbackIsRecordedInTheAuditLog() throws Exception {
        mvc.perform(post("/cds-services/dfu-cell-therapy-evidence/feedback").contentType(MediaType.APPLICATION_JSON)
                .content("{\"feedback\":[{\"card\":\"9368d37b-283f-44a0-93ea-547cebf5fd1e\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-24T05:00:00Z\"}]}"))
                .andExpect(status().isOk());
        assertThat(log.read(0, 100_000).stream().filter(r -> r.requestId().equals("9368d37b-283f-44a0-93ea-547cebf5fd1e")))
                .singleElement().satisfies(r -> {
                    assertThat(r.channel()).isEqualTo("cds-hooks-feedback");
                    assertThat(r.inputsJson()).contains("\"service\":\"dfu-cell-therapy-evidence\"", "\"outcome\":\"accepted\"",
                            "\"outcomeTimestamp\":\"2026-11-24T05:00:00Z\"");
                });
        assertThat(log.verify().ok()).isTrue();
        mvc.perform(post("/cds-services/dfu-cell-therapy-evidence/feedback").contentType(MediaType.APPLICATION_JSON)
                .content("{\"feedback\":[{\"card\":\"x\",\"outcome\":\"maybe\"}]}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theT2dmPackHasItsOwnServiceReadingTheProfileFromTheDataDrivenFields() throws Exception {
        String request = Files.readString(Path.of("src/test/resources/cds-hooks/t2dm-request.json"));
        JsonNode cards = JSON.readTree(mvc.perform(post("/cds-services/t2dm-msc-evidence").contentType(MediaType.APPLICATION_JSON).content(request))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("cards");
        assertThat(cards.size()).isPositive();
        for (JsonNode card : cards) {
            assertThat(card.get("summary").asText()).hasSizeLessThan(140);
            assertThat(card.get("extension").get("org.evidencecds.pack").asText()).isEqualTo("t2dm-msc");
        }
        // a card's source is the review its estimate comes from, not always the pack's anchor review
        assertThat(cards.findValuesAsText("summary")).anySatisfy(s -> assertThat(s).startsWith("Adverse events (any), MSC vs control with MSC therapy: RR 0.98"));
        // a patient with type 1 diabetes is outside the pack's population: no card
        String typeOne = request.replace("\"44054006\", \"display\": \"Diabetes mellitus type 2\"", "\"46635009\", \"display\": \"Diabetes mellitus type 1\"");
        JsonNode none = JSON.readTree(mvc.perform(post("/cds-services/t2dm-msc-evidence").contentType(MediaType.APPLICATION_JSON).content(typeOne))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("cards");
        assertThat(none).isEmpty();
    }
}
