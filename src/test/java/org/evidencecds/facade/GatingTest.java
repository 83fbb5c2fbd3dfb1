package org.evidencecds.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.RuleFiles;
import org.junit.jupiter.api.Test;

/** A credible subgroup estimate becomes the headline for patients in it; a low-credibility one does not. */
class GatingTest {

    private static final EvidenceFacade FACADE = new EvidenceFacade(Knowledge.build(
            List.of(PackLoader.load(Path.of("src/test/resources/packs/valid/credible-subgroup"))), RuleFiles.handWritten(Path.of("rules"))));

    private static EvidenceReport.OutcomeEvidence healing(double area) {
        return FACADE.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", area))).packs().get(0).outcomes().stream()
                .filter(o -> "healing".equals(o.outcome())).findFirst().orElseThrow();
    }

    @Test
    void aCredibleSubgroupIsTheHeadlineForItsPatients() {
        EvidenceReport.OutcomeEvidence large = healing(12);
        assertThat(large.headlineFinding()).isEqualTo("credible-subgroup/healing/ulcer-area/ge-10-cm2");
        assertThat(large.headlineWhy()).contains("subgroup effect is credible (high credibility)");
        assertThat(large.findings()).extracting(EvidenceReport.FindingView::id).contains("credible-subgroup/healing/overall/heal-all");
    }

    @Test
    void aLowCredibilitySubgroupIsNotTheHeadlineButIsShownWithItsCredibility() {
        EvidenceReport.OutcomeEvidence small = healing(5);
        assertThat(small.headlineFinding()).isEqualTo("credible-subgroup/healing/overall/heal-all");
        assertThat(small.headlineWhy()).contains("no subgroup estimate for this patient has moderate or high credibility");
        EvidenceReport.FindingView subgroup = small.findings().stream()
                .filter(f -> f.id().equals("credible-subgroup/healing/ulcer-area/lt-10-cm2")).findFirst().orElseThrow();
        assertThat(subgroup.credibility().level().words()).isEqualTo("low");
        assertThat(FACADE.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 5.0))).packs().get(0).caveats())
                .anyMatch(c -> c.code().equals("subgroup-credibility") && c.text().startsWith("The source reports OR 2.0 for '< 10 cm²' (complete healing); subgroup credibility low:"));
    }

    @Test
    void theDfuHeadlinesStayOverallAndSayWhy() {
        EvidenceFacade dfu = new EvidenceFacade(org.evidencecds.rules.KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")));
        EvidenceReport.PackReport r = dfu.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 12.0))).packs().get(0);
        assertThat(r.outcomes()).filteredOn(o -> o.headlineFinding() != null)
                .allSatisfy(o -> assertThat(o.headlineFinding()).endsWith("/overall"));
        assertThat(r.caveats()).anyMatch(c -> c.text().startsWith("The source reports larger benefit for '≥ 10 cm²'; subgroup credibility very low: "
                + "a comparison across trials"));
        // not rated, and the highest level it could reach is kept apart from the rating (it used to read "certainty high")
        assertThat(r.firedRules()).filteredOn(f -> f.rule().equals("dfu-cell-therapy/ulcer-healing/overall")).first()
                .satisfies(f -> assertThat(f.metadata()).containsEntry("certainty", "not rated").containsEntry("certaintyAtMost", "high")
                        .containsEntry("ciHigh", "6.90"));
        assertThat(r.firedRules()).filteredOn(f -> f.rule().equals("dfu-cell-therapy/any-outcome/ulcer-area/ge-10-cm2")).first()
                .satisfies(f -> assertThat(f.metadata()).containsEntry("credibility", "very low").containsEntry("certainty", "not rated"));
    }
}
