package org.evidencecds.facade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.KnowledgeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statements a methodologist reads, for the two patients of issue 11: numbers exactly as published,
 * units, certainty that is never "high" when it was not rated, protocols that are one source's, headlines
 * for the patient's own population, harms, and labels people use.
 */
class EvidenceStatementsTest {

    private static EvidenceFacade facade;
    private static EvidenceReport dfu;
    private static EvidenceReport t2dm;
    private static String dfuText;
    private static String t2dmText;

    @BeforeAll
    static void evaluate() {
        facade = new EvidenceFacade(KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")));
        dfu = facade.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 12.0, "diabetesDurationYears", 6.0, "ulcerDurationDays", 250.0)));
        t2dm = facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-2", "hba1cPercent", 8.5, "insulinDoseUnitsPerDay", 40.0)),
                Set.of("t2dm-msc"));
        dfuText = TextReport.render(dfu);
        t2dmText = TextReport.render(t2dm);
    }

    private static EvidenceReport.PackReport pack(EvidenceReport r, String id) {
        return r.packs().stream().filter(p -> p.pack().equals(id)).findFirst().orElseThrow();
    }

    private static EvidenceReport.OutcomeEvidence outcome(EvidenceReport.PackReport p, String id) {
        return p.outcomes().stream().filter(o -> id.equals(o.outcome())).findFirst().orElseThrow();
    }

    private static EvidenceReport.FindingView headline(EvidenceReport.OutcomeEvidence o) {
        return o.findings().stream().filter(f -> f.id().equals(o.headlineFinding())).findFirst().orElseThrow();
    }

    /** Defect 2: 6.90 stays 6.90, 17.80 stays 17.80, in the estimate line and in the statement below it. */
    @Test
    void numbersAreShownAsTheSourcePrintedThem() {
        assertThat(dfuText).contains("OR 4.64 (95% CI 3.11 to 6.90)", "OR 0.29 (95% CI 0.18 to 0.49)",
                "MD 11.58 mmHg (95% CI 5.36 to 17.80)", "MD −16.83 days (95% CI −27.93 to −5.74)",
                "higher with cell therapy than with control (MD 11.58 mmHg, 95% CI 5.36 to 17.80)",
                "lower with cell therapy than with control (MD −16.83 days, 95% CI −27.93 to −5.74)");
        assertThat(dfuText).doesNotContain("6.9)", "MD 11.6", "17.8)", "−27.9 ", "-5.74", "-16.83");
        EvidenceReport.FindingView healing = headline(outcome(pack(dfu, "dfu-cell-therapy"), "ulcer-healing"));
        assertThat(List.of(healing.estimateText(), healing.ciLowText(), healing.ciHighText())).containsExactly("4.64", "3.11", "6.90");
        assertThat(healing.effect()).isEqualTo("OR 4.64 (95% CI 3.11 to 6.90)");
        JsonNode json = new ObjectMapper().valueToTree(dfu);
        assertThat(json.findValuesAsText("ciHighText")).contains("6.90", "17.80");
    }

    /** Defect 3: every mean difference carries its unit, or says that the source printed none. */
    @Test
    void everyMeanDifferenceHasItsUnit() {
        for (EvidenceReport r : List.of(dfu, t2dm)) {
            for (EvidenceReport.PackReport p : r.packs()) {
                for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
                    for (EvidenceReport.FindingView f : o.findings()) {
                        if ("MD".equals(f.measure()) || "SMD".equals(f.measure())) {
                            assertThat(f.unit()).as(f.id()).isNotBlank();
                            assertThat(f.effect()).as(f.id()).contains(f.unit());
                        }
                    }
                }
            }
        }
        assertThat(t2dmText).contains("MD −6.22, unit not reported (95% CI −24.23 to 11.79)", "MD −0.62, unit not reported (95% CI −1.46 to 0.23)",
                "MD −0.72 percentage points (95% CI −1.11 to −0.33)");
        assertThat(dfuText).contains("MD 0.14, no unit (95% CI 0.05 to 0.22)", "MD −2.15 cm² (95% CI −3.74 to −0.56)");
    }

    /** Defect 4: a level that could not be rated is "not rated" everywhere, never "high". */
    @Test
    void anUnratedLevelNeverReadsAsHigh() {
        EvidenceReport.FindingView healing = headline(outcome(pack(dfu, "dfu-cell-therapy"), "ulcer-healing"));
        assertThat(healing.certainty().level()).isNull();
        assertThat(healing.certainty().rated()).isFalse();
        assertThat(healing.certainty().summary()).startsWith("Not rated:").doesNotContain("high");
        JsonNode certainty = new ObjectMapper().valueToTree(healing).get("certainty");
        assertThat(certainty.get("level").isNull()).isTrue();
        assertThat(certainty.get("upperBound").asText()).isEqualTo("HIGH");
        assertThat(dfuText).doesNotContain("high at most", "not fully rated");
        assertThat(pack(dfu, "dfu-cell-therapy").firedRules()).filteredOn(r -> r.rule().equals("dfu-cell-therapy/ulcer-healing/overall"))
                .singleElement().satisfies(r -> assertThat(r.metadata()).containsEntry("certainty", "not rated")
                        .containsEntry("certaintyAtMost", "high").doesNotContainKey("certaintyUpperBound"));
    }

    /** Defect 7: protocols are one source's, shown with their credibility; T2DM has none and says so. */
    @Test
    void protocolsAreOneSourcesAndSayHowCredibleTheyAre() {
        EvidenceReport.PackReport d = pack(dfu, "dfu-cell-therapy");
        assertThat(d.protocolSummary()).isEqualTo("No protocol is supported with moderate or high credibility. What follows is what "
                + "Zhang X et al. 2026 suggests: a hypothesis to test, not an evidence-based choice.");
        assertThat(d.protocols()).singleElement().satisfies(p -> {
            assertThat(p.statement()).isEqualTo("The protocol Zhang X et al. 2026 suggests (Abstract, Conclusions); very low credibility, "
                    + "the credibility of its weakest element.");
            assertThat(p.elements()).extracting(EvidenceReport.ProtocolElement::credibility).containsOnly("very low");
            assertThat(p.elements()).filteredOn(e -> e.dimension().equals("cell-origin")).singleElement()
                    .satisfies(e -> assertThat(e.why()).isEqualTo("stated by the source, which reports no subgroup result for it"));
        });
        EvidenceReport.PackReport t = pack(t2dm, "t2dm-msc");
        assertThat(t.protocols()).isEmpty();
        assertThat(t.protocolSummary()).startsWith("No protocol is supported: no source in this evidence states one");
        assertThat(t2dmText).doesNotContain("Cell origin                   Autologous", "Tissue source of the MSCs     Umbilical cord");
    }

    /** Defect 8: the insulin change from baseline is the type-2-only estimate, never the reversed-sign T1+T2 one. */
    @Test
    void theHeadlineIsForThePatientsPopulationAndNeverAReversedSign() {
        EvidenceReport.OutcomeEvidence insulin = outcome(pack(t2dm, "t2dm-msc"), "insulin-vs-baseline");
        assertThat(insulin.headlineFinding()).isEqualTo("t2dm-msc/insulin-vs-baseline/follow-up/12-months");
        assertThat(headline(insulin).effect()).isEqualTo("MD −27.45, unit not reported (95% CI −36.65 to −18.24)");
        assertThat(insulin.headlineWhy()).startsWith("the estimate for the patient's own population (type 2 diabetes only)");
        for (EvidenceReport.OutcomeEvidence o : pack(t2dm, "t2dm-msc").outcomes()) {
            if (o.headlineFinding() != null && o.findings().stream().filter(f -> f.estimate() != null).count() > 1) {
                assertThat(headline(o).signReversed()).as(o.outcome()).isFalse();
            }
        }
        // without a diabetes type there is no population to match: the T2DM-only estimate still beats the reversed Habiba one
        EvidenceReport untyped = facade.evaluate(PatientProfile.of(Map.of()), Set.of("t2dm-msc"));
        EvidenceReport.OutcomeEvidence anyType = outcome(pack(untyped, "t2dm-msc"), "insulin-vs-baseline");
        assertThat(anyType.headlineFinding()).isEqualTo("t2dm-msc/insulin-vs-baseline/follow-up/12-months");
    }

    /** Harms are never silent: what the review reports, what trials say in words, or that nothing is reported. */
    @Test
    void harmsAreReportedOrSaidToBeMissing() {
        EvidenceReport.Harms d = pack(dfu, "dfu-cell-therapy").harms();
        assertThat(d.reportedByReview()).isFalse();
        assertThat(d.statement()).isEqualTo("Harms: not reported by the review (Zhang X et al. 2026); 8 trial reports describe "
                + "adverse events in words (not pooled).");
        assertThat(d.trialStatements()).hasSize(8).anySatisfy(s -> {
            assertThat(s.study()).isEqualTo("Huang 2005");
            assertThat(s.text()).isEqualTo("No adverse effects specifically due to cell transplantation were observed");
            assertThat(s.timepoint()).isEqualTo("3 months");
        });
        assertThat(dfuText).contains("Harms\n  Harms: not reported by the review (Zhang X et al. 2026)");
        EvidenceReport.Harms t = pack(t2dm, "t2dm-msc").harms();
        assertThat(t.reportedByReview()).isTrue();
        assertThat(t.statement()).isEqualTo("Harms: Aringazina RA et al. 2025 reports harms in words only, with no estimate.");
        assertThat(t.claims()).singleElement().satisfies(c -> assertThat(c.snippet()).startsWith("Safety profiles were favorable"));
        assertThat(outcome(pack(t2dm, "t2dm-msc"), "adverse-events").harm()).isTrue();
    }

    /** Defect 9: labels as clinicians write them, short citations from author and year. */
    @Test
    void labelsAndCitationsArePeoples() {
        assertThat(dfuText).contains("TcPO2 was higher with cell therapy", "ankle-brachial index (ABI) was higher")
                .doesNotContain("(tcpo2)", "transcutaneous oxygen pressure (tcpo2)");
        assertThat(t2dmText).contains("PMC7951834 2021", "Kashbour M et al. 2025", "Zhang HC et al. 2025", "fasting C-peptide")
                .doesNotContain("meta-analysis of MSC therapy in diabetes et al.", "Kashbour M et al 2025", "fasting c-peptide", "reduced hba1c",
                        "hba1c change from baseline after msc");
    }
}
