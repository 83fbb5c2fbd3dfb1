package org.evidencecds.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.KnowledgeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The T2DM pack through the facade: who it applies to, what it shows, and how it says how sure it is. */
class T2dmScenarioTest {

    static EvidenceFacade facade;

    @BeforeAll
    static void load() {
        facade = new EvidenceFacade(KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")));
    }

    static EvidenceReport.PackReport t2dm(EvidenceReport r) {
        return r.packs().stream().filter(p -> p.pack().equals("t2dm-msc")).findFirst().orElseThrow();
    }

    static EvidenceReport.OutcomeEvidence outcome(EvidenceReport.PackReport p, String id) {
        return p.outcomes().stream().filter(o -> id.equals(o.outcome())).findFirst().orElseThrow();
    }

    @Test
    void everyPackThatAppliesAndThoseThatDoNotWithTheReason() {
        EvidenceReport typeTwo = facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-2", "hba1cPercent", 8.5, "footUlcer", "yes")));
        assertThat(typeTwo.packs()).extracting(EvidenceReport.PackReport::pack).containsExactly("dfu-cell-therapy", "t2dm-msc");
        assertThat(typeTwo.outsidePopulation()).isEmpty();

        EvidenceReport typeOne = facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-1", "footUlcer", "yes")));
        assertThat(typeOne.packs()).extracting(EvidenceReport.PackReport::pack).containsExactly("dfu-cell-therapy");
        assertThat(typeOne.outsidePopulation()).singleElement().satisfies(o -> {
            assertThat(o.pack()).isEqualTo("t2dm-msc");
            assertThat(o.evaluated()).isFalse();
            assertThat(o.reasons()).containsExactly("The patient has type 1 diabetes; this evidence is for patients with type 2 diabetes");
        });

        EvidenceReport unknown = facade.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 12)));
        assertThat(unknown.outsidePopulation()).singleElement().satisfies(o ->
                assertThat(o.reasons()).containsExactly("Diabetes type is not recorded; this evidence is for patients with type 2 diabetes"));

        // the foot-ulcer evidence is for patients with a current foot ulcer: without one recorded it is left out
        EvidenceReport noUlcer = facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-2")));
        assertThat(noUlcer.packs()).extracting(EvidenceReport.PackReport::pack).containsExactly("t2dm-msc");
        assertThat(noUlcer.outsidePopulation()).singleElement().satisfies(o -> {
            assertThat(o.pack()).isEqualTo("dfu-cell-therapy");
            assertThat(o.reasons()).containsExactly("Current diabetic foot ulcer is not recorded; this evidence is for patients with a current diabetic foot ulcer");
        });
    }

    @Test
    void askedForByNameAPackIsShownOutsideItsPopulationAndSaysSo() {
        EvidenceReport r = facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-1")), Set.of("t2dm-msc"));
        assertThat(r.packs()).extracting(EvidenceReport.PackReport::pack).containsExactly("t2dm-msc");
        assertThat(r.outsidePopulation()).singleElement().satisfies(o -> assertThat(o.evaluated()).isTrue());
        // the type 1 slice (Li 2021, fasting C-peptide vs control) applies to this patient, and only to type 1
        assertThat(t2dm(r).dimensions()).filteredOn(d -> d.dimension().equals("diabetes-type")).singleElement()
                .satisfies(d -> assertThat(d.level()).isEqualTo("type-1"));
        assertThat(outcome(t2dm(r), "c-peptide-vs-control").findings()).anySatisfy(f -> {
            assertThat(f.role()).isEqualTo("patient");
            assertThat(f.estimate()).isEqualTo(0.89);
        });
        EvidenceReport typeTwo = facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-2")), Set.of("t2dm-msc"));
        assertThat(outcome(t2dm(typeTwo), "c-peptide-vs-control").findings()).noneMatch(f -> Double.valueOf(0.89).equals(f.estimate()));
    }

    @Test
    void severalReviewsGiveNoSingleHeadlineAndEachResultSaysWhereItComesFrom() {
        EvidenceReport.PackReport p = t2dm(facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-2"))));
        // without a diabetes type (the pack asked for by name) no estimate matches the patient's population
        EvidenceReport.PackReport untyped = t2dm(facade.evaluate(PatientProfile.of(Map.of()), Set.of("t2dm-msc")));
        EvidenceReport.OutcomeEvidence anyType = outcome(untyped, "hba1c-vs-baseline");
        assertThat(anyType.headlineFinding()).isNull();
        assertThat(anyType.headlineWhy()).startsWith("several reviews report an overall estimate for this outcome");
        // for a type 2 patient the T2DM-only review's estimate (at its longest follow-up) is the headline
        EvidenceReport.OutcomeEvidence baseline = outcome(p, "hba1c-vs-baseline");
        assertThat(baseline.headlineFinding()).isEqualTo("t2dm-msc/hba1c-vs-baseline/follow-up/12-months");
        assertThat(baseline.headlineWhy()).startsWith("the estimate for the patient's own population (type 2 diabetes only)");
        assertThat(baseline.findings()).extracting(EvidenceReport.FindingView::estimate).contains(-1.51, -1.32, 0.95);
        assertThat(p.caveats()).anySatisfy(c -> {
            assertThat(c.code()).isEqualTo("other-review");
            assertThat(c.text()).startsWith("This result (MD −1.51 percentage points, HbA1c) comes from Li Y et al. 2021");
        });
        assertThat(p.caveats()).anySatisfy(c -> {
            assertThat(c.code()).isEqualTo("sign-convention");
            assertThat(c.text()).contains("MD 0.95");
        });
        // the reversed number is read the source's way: a reduction, not an increase
        EvidenceReport.FindingView habiba = baseline.findings().stream().filter(f -> Double.valueOf(0.95).equals(f.estimate())).findFirst().orElseThrow();
        assertThat(habiba.certainty().statement()).startsWith("Habiba UE et al. 2024 found that HbA1c was lower after MSC therapy than before it (MD 0.95");
    }

    @Test
    void followUpSlicesAreTimepointsNeverProtocolAndNoEffectIsSaidAsSuch() {
        EvidenceReport.PackReport p = t2dm(facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-2"))));
        assertThat(outcome(p, "insulin-vs-control").findings()).extracting(EvidenceReport.FindingView::role).containsOnly("timepoint");
        assertThat(outcome(p, "insulin-vs-control").findings()).extracting(EvidenceReport.FindingView::slice)
                .contains("at 3 months", "at 6 months", "at 12 months");
        assertThat(p.protocols()).isEmpty();
        EvidenceReport.FindingView adverse = outcome(p, "adverse-events").findings().get(0);
        assertThat(adverse.estimate()).isEqualTo(0.98);
        assertThat(adverse.certainty().statement()).startsWith("PMC7951834 2021 found no clear difference in adverse events between MSC therapy and control");
        // the anchor review's own claims: direction only, with its words
        assertThat(p.outcomes()).filteredOn(o -> o.outcome() == null).singleElement().satisfies(o -> assertThat(o.findings())
                .anySatisfy(f -> assertThat(f.snippet()).isEqualTo("MSC-based therapies significantly improved glycemic control")));
    }
}
