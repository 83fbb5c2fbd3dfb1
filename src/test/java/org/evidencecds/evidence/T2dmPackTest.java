package org.evidencecds.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.evidencecds.evidence.Vocabulary.Comparator;
import org.evidencecds.evidence.Vocabulary.EstimateKind;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped T2DM pack: the anchor review's abstract is narrative, so its claims are direction-only and
 * verified word for word; every number comes from another review with its snippet; vs-control and
 * vs-baseline results are separate outcomes; the sign-convention difference is recorded, not resolved.
 */
class T2dmPackTest {

    private static final Path PACK = Path.of("evidence/t2dm-msc");
    private static EvidencePack pack;
    private static String abstractText;

    @BeforeAll
    static void load() throws IOException {
        pack = PackLoader.load(PACK);
        abstractText = Files.readString(PACK.resolve("sources/aringazina2025-abstract.md"));
    }

    @Test
    void theAnchorReviewGivesDirectionOnlyClaimsVerifiedAgainstItsAbstract() {
        assertThat(pack.info().review()).isEqualTo("aringazina2025");
        List<ReportedEstimate> anchor = pack.reportedEstimates().stream().filter(e -> e.sources().contains("aringazina2025")).toList();
        assertThat(anchor).extracting(ReportedEstimate::id)
                .contains("ar-glycaemic-control", "ar-insulin-requirement", "ar-beta-cell-function", "ar-safety");
        assertThat(anchor).allSatisfy(e -> {
            assertThat(e.kind()).as(e.id() + ": the abstract has no pooled number").isEqualTo(EstimateKind.DIRECTION_ONLY);
            assertThat(e.status()).isEqualTo(VerificationStatus.VERIFIED);
            assertThat(abstractText).as(e.id()).contains(e.snippet());
        });
        assertThat(pack.reportedEstimates()).filteredOn(e -> e.status() == VerificationStatus.VERIFIED)
                .allSatisfy(e -> assertThat(e.sources()).containsExactly("aringazina2025"));
    }

    @Test
    void everyNumberIsPrintedInItsSnippetAndComesFromAnotherReview() {
        SoftAssertions softly = new SoftAssertions();
        List<ReportedEstimate> numeric = pack.reportedEstimates().stream().filter(e -> e.kind() == EstimateKind.NUMERIC).toList();
        assertThat(numeric).hasSizeGreaterThan(30);
        for (ReportedEstimate e : numeric) {
            String snippet = e.snippet().replace('−', '-').replace(" ", "");
            softly.assertThat(snippet).as(e.id() + " estimate").contains(e.estimateText().replace(" ", ""));
            softly.assertThat(e.sources()).as(e.id()).doesNotContain("aringazina2025");
            softly.assertThat(e.status()).as(e.id()).isIn(VerificationStatus.EXTRACTED, VerificationStatus.SECONDARY, VerificationStatus.CONFLICT);
        }
        softly.assertAll();
    }

    @Test
    void controlAndBaselineComparisonsAreDifferentOutcomes() {
        for (String variable : List.of("hba1c", "fasting-glucose", "insulin", "c-peptide")) {
            assertThat(pack.outcome(variable + "-vs-control")).get().extracting(OutcomeDefinition::comparator).isEqualTo(Comparator.VS_CONTROL);
            assertThat(pack.outcome(variable + "-vs-baseline")).get().extracting(OutcomeDefinition::comparator).isEqualTo(Comparator.VS_BASELINE);
        }
        // Li 2021: HbA1c against the patients' own baseline, not against a control
        ReportedEstimate li = estimate("li2021-hba1c-vs-baseline");
        assertThat(li.outcome()).isEqualTo("hba1c-vs-baseline");
        assertThat(List.of(li.estimate(), li.ciLow(), li.ciHigh())).containsExactly(-1.51, -2.42, -0.60);
        // Kashbour 2025: against control, at 12 months (a follow-up slice)
        ReportedEstimate kashbour = estimate("kashbour2025-hba1c-12m");
        assertThat(kashbour.outcome()).isEqualTo("hba1c-vs-control");
        assertThat(kashbour.level()).isEqualTo("12-months");
        assertThat(List.of(kashbour.estimate(), kashbour.ciLow(), kashbour.ciHigh())).containsExactly(-0.72, -1.11, -0.33);
        assertThat(pack.studyOutcomes()).filteredOn(o -> o.contrast() == Vocabulary.Contrast.BETWEEN_ARMS)
                .allSatisfy(o -> assertThat(pack.outcome(o.outcome()).orElseThrow().comparator()).isEqualTo(Comparator.VS_CONTROL));
    }

    @Test
    void theReversedSignConventionIsKeptAsPrintedAndRecorded() {
        ReportedEstimate habiba = estimate("habiba2024-hba1c-vs-baseline");
        assertThat(habiba.estimate()).as("as printed").isEqualTo(0.95);
        assertThat(habiba.signReversed()).isTrue();
        assertThat(pack.conflictsAbout("estimate:habiba2024-hba1c-vs-baseline")).isNotEmpty();
        assertThat(pack.conflicts()).hasSize(16);
    }

    @Test
    void thePopulationIsTypeTwoDiabetes() {
        assertThat(pack.info().appliesTo()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("diabetesType");
            assertThat(c.in()).containsExactly("type-2");
        });
        assertThat(pack.dimension("follow-up").orElseThrow().timepoint()).isTrue();
        assertThat(pack.dimension("diabetes-type").orElseThrow().profileField()).isEqualTo("diabetesType");
    }

    private static ReportedEstimate estimate(String id) {
        return pack.reportedEstimates().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }
}
