package org.evidencecds.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.KnowledgeLoader;
import org.evidencecds.summary.AssumedRisk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The summary of findings of the bundled DFU pack for the patient, checked by hand. */
class SummaryOfFindingsTest {

    static EvidenceFacade facade;

    @BeforeAll
    static void load() {
        facade = new EvidenceFacade(KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")));
    }

    static SummaryOfFindings dfu(Map<String, SummaryOfFindings.PatientRisk> risks) {
        EvidenceReport report = facade.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 12, "diabetesDurationYears", 6, "ulcerDurationDays", 250)));
        EvidenceReport.PackReport p = report.packs().stream().filter(x -> x.pack().equals("dfu-cell-therapy")).findFirst().orElseThrow();
        return SummaryOfFindings.of(p, facade.knowledge().pack("dfu-cell-therapy").orElseThrow(), risks);
    }

    static SummaryOfFindings.Row row(SummaryOfFindings s, String outcome) {
        return s.rows().stream().filter(r -> r.outcome().equals(outcome)).findFirst().orElseThrow();
    }

    @Test
    void pooledControlArmRiskIsTheControlEventsOverTotalsOfTheRandomisedRows() {
        var pack = facade.knowledge().pack("dfu-cell-therapy").orElseThrow();
        // study_outcomes.csv: Huang2005 7 of 18 ulcers, Namgoong2022 3 of 6 patients (Zhang2016 is a CCT, Lonardi2019
        // and Uzun2021 give no control totals): 10 of 24
        AssumedRisk healing = AssumedRisk.pooledControlArms(pack, "ulcer-healing").orElseThrow();
        assertThat(healing.events()).isEqualTo(10);
        assertThat(healing.total()).isEqualTo(24);
        assertThat(healing.studies()).containsExactlyInAnyOrder("Huang2005", "Namgoong2022");
        assertThat(healing.units()).containsExactly("patients", "ulcers");
        // Huang2005 5/14, Mohammadzadeh2013 7/14, Uzun2021 2/10 (Zhang2016 CCT and VentoruzzoND unclear design left out)
        AssumedRisk amputation = AssumedRisk.pooledControlArms(pack, "amputation").orElseThrow();
        assertThat(amputation.events()).isEqualTo(14);
        assertThat(amputation.total()).isEqualTo(38);
        assertThat(AssumedRisk.pooledControlArms(pack, "healing-time")).isEmpty();
    }

    @Test
    void ulcerHealingRowGivesTheAbsoluteEffectForThePooledControlRisk() {
        SummaryOfFindings s = dfu(Map.of());
        assertThat(s.rows()).extracting(SummaryOfFindings.Row::outcome)
                .containsExactly("ulcer-healing", "amputation", "abi", "tcpo2", "resting-pain", "ulcer-area", "healing-time");
        SummaryOfFindings.Row healing = row(s, "ulcer-healing");
        assertThat(healing.relative()).isEqualTo("OR 4.64 (3.11 to 6.90)");
        // by hand, p = 10/24 = 0.416667: 4.64p = 1.933333, /(1 − p + 1.933333) = 0.768212 → 768, 352 more;
        // at 3.11: 0.689579 → 690 (273 more); at 6.90: 0.831325 → 831 (415 more)
        SummaryOfFindings.Absolute a = healing.absolute();
        assertThat(a.controlPer1000()).isEqualTo(417);
        assertThat(a.riskPer1000()).isEqualTo(768);
        assertThat(a.riskCi()).isEqualTo("690 to 831");
        assertThat(a.difference()).isEqualTo("352 more");
        assertThat(a.differenceCi()).isEqualTo("273 more to 415 more");
        assertThat(a.assumedFromPatient()).isFalse();
        // p = 14/38: 0.29p/(1 − p + 0.29p) = 0.144766 → 145, 224 fewer
        SummaryOfFindings.Absolute amputation = row(s, "amputation").absolute();
        assertThat(amputation.controlPer1000()).isEqualTo(368);
        assertThat(amputation.riskPer1000()).isEqualTo(145);
        assertThat(amputation.difference()).isEqualTo("224 fewer");
        assertThat(amputation.differenceCi()).isEqualTo("273 fewer to 146 fewer");
    }

    @Test
    void thePatientsOwnRiskReplacesTheAssumedOne() {
        String field = SummaryOfFindings.riskField("dfu-cell-therapy", "ulcer-healing");
        SummaryOfFindings s = dfu(Map.of(field, new SummaryOfFindings.PatientRisk("40", 0.40)));
        SummaryOfFindings.Absolute a = row(s, "ulcer-healing").absolute();
        assertThat(a.assumedFromPatient()).isTrue();
        assertThat(a.riskInputValue()).isEqualTo("40");
        assertThat(a.controlPer1000()).isEqualTo(400);
        assertThat(a.riskPer1000()).isEqualTo(756);
        assertThat(a.difference()).isEqualTo("356 more");
        assertThat(a.differenceCi()).isEqualTo("275 more to 421 more");
        assertThat(s.footnotes()).anySatisfy(f -> assertThat(f.text()).isEqualTo("Risk without cell therapy as entered for this patient."));
    }

    @Test
    void meanDifferencesAreAbsoluteAndEveryNoteIsSaidOnce() {
        SummaryOfFindings s = dfu(Map.of());
        SummaryOfFindings.Row time = row(s, "healing-time");
        assertThat(time.relative()).isNull();
        assertThat(time.absolute()).isNull();
        assertThat(time.absoluteText()).isEqualTo("MD −16.83 days (95% CI −27.93 to −5.74)");
        assertThat(time.outcomeDetail()).isEqualTo("in days · follow-up not reported · against control");
        assertThat(time.certaintyWords()).isEqualTo("Not rated");
        assertThat(time.participants()).isEqualTo("Not reported");
        List<String> texts = s.footnotes().stream().map(Footnotes.Footnote::text).toList();
        assertThat(texts).doesNotHaveDuplicates();
        // seven rows, one follow-up note and one "number not reported" note
        assertThat(texts.stream().filter(t -> t.contains("follow-up"))).hasSize(1);
        assertThat(texts.stream().filter(t -> t.startsWith("The source does not report the number of participants"))).hasSize(1);
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("“Thirty-two RCTs involving 2059 patients were included” (Abstract, Results)"));
        assertThat(s.rows()).allSatisfy(r -> assertThat(r.outcomeNotes()).hasSize(1));
        assertThat(s.estimatesShown()).isEqualTo("Each row shows the review's overall pooled estimate: no subgroup estimate for this patient has moderate or high credibility.");
    }

    @Test
    void footnoteLettersRunPastZ() {
        assertThat(Footnotes.letter(0)).isEqualTo("a");
        assertThat(Footnotes.letter(25)).isEqualTo("z");
        assertThat(Footnotes.letter(26)).isEqualTo("aa");
        assertThat(Footnotes.letter(27)).isEqualTo("ab");
    }
}
