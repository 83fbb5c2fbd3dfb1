package org.evidencecds.web.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.evidencecds.ClinicalText;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.KnowledgeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A card's summary and detail are in clinical language: labels, units, words; no field names or codes; summary under 140 characters. */
class CardBuilderTest {

    static Knowledge knowledge;

    @BeforeAll
    static void load() {
        knowledge = KnowledgeLoader.load(Path.of("evidence"), Path.of("rules"));
    }

    static Stream<Arguments> cards() {
        Map<String, Object> ulcer = new LinkedHashMap<>(Map.of("ulcerAreaCm2", 12, "diabetesDurationYears", 6, "ulcerDurationDays", 250));
        Map<String, Object> typeTwo = new LinkedHashMap<>(ulcer);
        typeTwo.putAll(Map.of("diabetesType", "type-2", "hba1cPercent", 8.1));
        return Stream.of(Arguments.of("dfu-cell-therapy", ulcer), Arguments.of("dfu-cell-therapy", typeTwo), Arguments.of("t2dm-msc", typeTwo));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cards")
    void summaryAndDetailAreInClinicalLanguage(String pack, Map<String, Object> values) {
        EvidenceReport report = new EvidenceFacade(knowledge).evaluate(PatientProfile.of(values), Set.of(pack));
        CardBuilder.Card card = new CardBuilder("https://cds.example.org").card(report, knowledge.pack(pack).orElseThrow(), null);
        String summary = (String) card.json().get("summary");
        String detail = (String) card.json().get("detail");
        assertThat(summary).hasSizeLessThan(140);
        List<String> offences = Stream.of(summary, detail).flatMap(t -> ClinicalText.offences(t).stream()).toList();
        assertThat(offences).isEmpty();
        // the first headline is never cut inside a number; the pack's title first
        assertThat(summary).doesNotEndWith("…").startsWith(knowledge.pack(pack).orElseThrow().info().title() + ": ")
                .containsPattern(", certainty (not rated|high|moderate|low|very low)");
        // a certainty summary ends its sentence before the statement follows
        assertThat(detail).doesNotContainPattern("could not be assessed [A-Z]");
        if (pack.equals("dfu-cell-therapy")) {
            // a subgroup claim names its dimension, not the level label alone
            assertThat(detail).contains("- Ulcer area ≥ 10 cm² (outcome not named by the source): direction only: larger benefit",
                    "- Diabetes duration < 10 years (outcome not named by the source)");
        }
    }

    @org.junit.jupiter.api.Test
    void aCutIsMadeAtAWordBoundary() {
        assertThat(CardBuilder.truncate("complete ulcer healing OR 4.64 (95% CI 3.11 to 6.90), certainty not rated", 40))
                .isEqualTo("complete ulcer healing OR 4.64 (95% CI…");
        assertThat(CardBuilder.truncate("short", 40)).isEqualTo("short");
    }
}
