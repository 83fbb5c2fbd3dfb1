package org.evidencecds.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.KnowledgeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Given a profile, the expected levels, statuses, protocol, headlines and fired rules (DFU pack). */
class DfuFacadeScenarioTest {

    private static EvidenceFacade facade;

    @BeforeAll
    static void build() {
        facade = new EvidenceFacade(KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")));
    }

    private static EvidenceReport.PackReport evaluate(Object... fieldValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < fieldValues.length; i += 2) {
            values.put((String) fieldValues[i], fieldValues[i + 1]);
        }
        // the DFU pack's population is patients with a current foot ulcer: given here unless the test says otherwise
        values.putIfAbsent("footUlcer", "yes");
        EvidenceReport report = facade.evaluate(PatientProfile.of(values));
        assertThat(report.knowledgeVersion()).startsWith("dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.");
        return report.packs().stream().filter(p -> p.pack().equals("dfu-cell-therapy")).findFirst().orElseThrow();
    }

    private static EvidenceReport.DimensionResult dimension(EvidenceReport.PackReport r, String id) {
        return r.dimensions().stream().filter(d -> d.dimension().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theIssuesExamplePatient() {
        EvidenceReport.PackReport r = evaluate("ulcerAreaCm2", 12, "diabetesDurationYears", 6, "ulcerDurationDays", 250);
        assertThat(dimension(r, "ulcer-area").level()).isEqualTo("ge-10-cm2");
        assertThat(dimension(r, "ulcer-area").input()).isEqualTo(12.0);
        assertThat(dimension(r, "ulcer-area").evidence()).containsExactly("dfu-cell-therapy/any-outcome/ulcer-area/ge-10-cm2");
        assertThat(dimension(r, "diabetes-duration").level()).isEqualTo("lt-10-years");
        assertThat(dimension(r, "ulcer-duration").level()).isEqualTo("gt-200-days");
        // the protocol is the review's own, element by element, with its (very low) credibility, never assembled
        assertThat(r.protocols()).singleElement().satisfies(pr -> {
            assertThat(pr.basis()).isEqualTo("stated");
            assertThat(pr.credibility()).isEqualTo("very low");
            assertThat(pr.elements()).extracting(EvidenceReport.ProtocolElement::level)
                    .containsExactly("bm-msc", "autologous", "medium-to-high", "intramuscular");
            assertThat(pr.elements()).filteredOn(e -> e.dimension().equals("dose-band")).singleElement()
                    .satisfies(e -> assertThat(e.range()).isEqualTo("1×10⁷ to 1.2×10⁹ cells"));
        });
        assertThat(r.protocolSummary()).startsWith("No protocol is supported with moderate or high credibility.");
        EvidenceReport.OutcomeEvidence healing = r.outcomes().stream().filter(o -> "ulcer-healing".equals(o.outcome())).findFirst().orElseThrow();
        assertThat(healing.headlineFinding()).isEqualTo("dfu-cell-therapy/ulcer-healing/overall");
        EvidenceReport.FindingView headline = healing.findings().get(0);
        assertThat(List.of(headline.estimate(), headline.ciLow(), headline.ciHigh())).containsExactly(4.64, 3.11, 6.90);
        assertThat(healing.findings()).extracting(EvidenceReport.FindingView::id).containsExactly(
                "dfu-cell-therapy/ulcer-healing/overall", "dfu-cell-therapy/ulcer-healing/cell-type/bm-msc",
                "dfu-cell-therapy/ulcer-healing/dose-band/as-reported-high-and-very-high-doses");
        EvidenceReport.OutcomeEvidence amputation = r.outcomes().stream().filter(o -> "amputation".equals(o.outcome())).findFirst().orElseThrow();
        assertThat(amputation.findings().get(0).estimate()).isEqualTo(0.29);
        assertThat(r.caveats()).extracting(EvidenceReport.Caveat::code)
                .contains("source-access", "direction-only", "subgroup-credibility", "small-k", "source-conflict", "undefined-slice");
        assertThat(r.caveats()).filteredOn(c -> c.code().equals("source-conflict")).singleElement()
                .satisfies(c -> assertThat(c.text()).contains("1×10⁷ (Zhang X et al. 2026) vs 1×10⁸ (E156 rewrite of the Zhang 2026 abstract)"));
        assertThat(r.firedRules()).extracting(EvidenceReport.FiredRule::rule).contains(
                "dfu-cell-therapy/level/ulcer-area/ge-10-cm2", "dfu-cell-therapy/any-outcome/ulcer-area/ge-10-cm2",
                "dfu-cell-therapy/ulcer-healing/overall", "assembly/headline/overall", "dfu-cell-therapy/protocol/zhang2026-conclusion",
                "dfu-cell-therapy/harms",
                "dfu-cell-therapy/pack");
        assertThat(r.firedRules()).filteredOn(f -> f.rule().equals("dfu-cell-therapy/ulcer-healing/overall")).first()
                .satisfies(f -> assertThat(f.metadata()).containsEntry("estimate", "4.64").containsEntry("ciLow", "3.11")
                        .containsEntry("ciHigh", "6.90").containsEntry("doi", "10.3389/fendo.2026.1763071")
                        .containsEntry("origin", "reported").containsKey("evidenceHash"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}/{3}")
    @CsvSource({
            "ulcerAreaCm2, 10, ulcer-area, ge-10-cm2",
            "ulcerAreaCm2, 9.999, ulcer-area, lt-10-cm2",
            "ulcerAreaCm2, 0, ulcer-area, lt-10-cm2",
            "ulcerAreaCm2, 1000, ulcer-area, ge-10-cm2",
            "diabetesDurationYears, 10, diabetes-duration, ge-10-years",
            "diabetesDurationYears, 9.99, diabetes-duration, lt-10-years",
            "diabetesDurationYears, 0, diabetes-duration, lt-10-years",
            "ulcerDurationDays, 200, ulcer-duration, le-200-days",
            "ulcerDurationDays, 200.5, ulcer-duration, gt-200-days",
            "ulcerDurationDays, 201, ulcer-duration, gt-200-days",
            "ulcerDurationDays, 0, ulcer-duration, le-200-days",
    })
    void everyBandBoundaryFallsWhereTheSourceSays(String field, double value, String dimension, String level) {
        EvidenceReport.PackReport r = evaluate(field, value);
        EvidenceReport.DimensionResult d = dimension(r, dimension);
        assertThat(d.status()).isEqualTo("in-level");
        assertThat(d.level()).isEqualTo(level);
        assertThat(d.rule()).isEqualTo("dfu-cell-therapy/level/" + dimension + "/" + level);
        boolean hasClaim = List.of("ge-10-cm2", "lt-10-years", "gt-200-days").contains(level);
        assertThat(d.evidence()).hasSize(hasClaim ? 1 : 0);
    }

    @Test
    void missingInputsAreSaidAsSuchAndOtherInputsHaveNoEvidence() {
        EvidenceReport.PackReport r = evaluate("ageYears", 70, "diabetesType", "type-2");
        assertThat(r.dimensions()).extracting(EvidenceReport.DimensionResult::status).containsOnly("input-missing");
        assertThat(r.dimensions()).extracting(EvidenceReport.DimensionResult::dimension)
                .containsExactlyInAnyOrder("diabetes-duration", "ulcer-area", "ulcer-duration");
        assertThat(r.inputsWithoutEvidence()).extracting(EvidenceReport.InputWithoutEvidence::field)
                .containsExactlyInAnyOrder("ageYears", "diabetesType");
        assertThat(r.inputsWithoutEvidence()).extracting(EvidenceReport.InputWithoutEvidence::status).containsOnly("no-evidence");
        // the overall estimates and the protocol do not depend on the patient's subgroup
        assertThat(r.outcomes()).filteredOn(o -> "ulcer-healing".equals(o.outcome())).singleElement()
                .satisfies(o -> assertThat(o.headlineFinding()).isEqualTo("dfu-cell-therapy/ulcer-healing/overall"));
        assertThat(r.protocols()).hasSize(1);
        assertThat(r.firedRules()).extracting(EvidenceReport.FiredRule::rule).doesNotContain("dfu-cell-therapy/any-outcome/ulcer-area/ge-10-cm2");
    }

    /** Equivalent profiles share the rules' answer, but each report echoes its own inputs. */
    @Test
    void aReusedAnswerStillShowsThisPatientsValues() {
        EvidenceReport.PackReport first = evaluate("ulcerAreaCm2", 12, "ageYears", 50);
        EvidenceReport.PackReport second = evaluate("ulcerAreaCm2", 15.5, "ageYears", 81);
        assertThat(dimension(first, "ulcer-area").input()).isEqualTo(12.0);
        assertThat(dimension(second, "ulcer-area").input()).isEqualTo(15.5);
        assertThat(second.inputsWithoutEvidence()).singleElement().satisfies(w -> assertThat(w.input()).isEqualTo(81.0));
        assertThat(second.firedRules()).isEqualTo(first.firedRules());
        EvidenceReport.PackReport boundary = evaluate("ulcerAreaCm2", 10, "ageYears", 50);
        assertThat(dimension(boundary, "ulcer-area").level()).isEqualTo("ge-10-cm2");
        EvidenceReport.PackReport below = evaluate("ulcerAreaCm2", Math.nextDown(10.0), "ageYears", 50);
        assertThat(dimension(below, "ulcer-area").level()).isEqualTo("lt-10-cm2");
    }

    @Test
    void aSmallUlcerGetsNoLargeUlcerClaim() {
        EvidenceReport.PackReport r = evaluate("ulcerAreaCm2", 3);
        assertThat(dimension(r, "ulcer-area").level()).isEqualTo("lt-10-cm2");
        assertThat(dimension(r, "ulcer-area").evidence()).isEmpty();
        assertThat(r.outcomes()).flatExtracting(EvidenceReport.OutcomeEvidence::findings).extracting(EvidenceReport.FindingView::id)
                .doesNotContain("dfu-cell-therapy/any-outcome/ulcer-area/ge-10-cm2");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "ulcerAreaCm2 | -1 | ulcerAreaCm2: must be between 0 and 1000 cm², got -1",
            "ulcerAreaCm2 | 5000 | ulcerAreaCm2: must be between 0 and 1000 cm², got 5000",
            "diabetesDurationYears | NaN | diabetesDurationYears: must be between 0 and 100 years, got NaN",
            "ulcerDurationDays | 1e9 | ulcerDurationDays: must be between 0 and 36500 days, got 1000000000",
            "ulcerDurationDays | abc | ulcerDurationDays: not a number: \"abc\"",
            "weightKg | 80 | weightKg: unknown field",
            "diabetesType | type-3 | diabetesType: must be one of type-1, type-2, other, got \"type-3\"",
    })
    void impossibleValuesAreRefusedNamingTheFieldAndTheRange(String field, String value, String message) {
        Map<String, Object> values = new HashMap<>();
        values.put(field, value.equals("NaN") ? Double.NaN : value);
        assertThatThrownBy(() -> PatientProfile.of(values)).isInstanceOf(PatientProfile.InvalidProfileException.class)
                .hasMessageStartingWith(message);
    }
}
