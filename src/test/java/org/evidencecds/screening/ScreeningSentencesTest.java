package org.evidencecds.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evidencecds.profile.FieldText;
import org.evidencecds.profile.PatientProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The screening in clinical language, for the bundled protocols (evidence/trials/*.yaml): the verdict with
 * its reason and every criterion as a sentence with the patient's value, its unit and the trial's real
 * limits; proper plurals; never a field name or a code.
 */
class ScreeningSentencesTest {

    /** Read from the field definitions, so a new spelling there (TcPO₂) does not break these sentences. */
    static final String TCPO2 = FieldText.label("tcpo2MmHg");
    static final String CAMEL_CASE = "\\b[a-z]+[A-Z][a-zA-Z]*\\b";

    static Screener screener;

    @BeforeAll
    static void load() {
        screener = Screener.load(Path.of("evidence"), Path.of("rules"), Set.of("dfu-cell-therapy", "t2dm-msc"));
    }

    static ScreeningResult screen(String trial, Map<String, Object> values) {
        return screener.screen(trial, PatientProfile.of(values));
    }

    static Map<String, Object> eligibleFor06003530() {
        return new LinkedHashMap<>(ScreenerScenarioTest.eligible());
    }

    @Test
    void aRuledOutCandidateIsToldWhichLimitsTheyMissAndByHowMuch() {
        ScreeningResult r = screen("NCT06003530", Map.of("ulcerAreaCm2", 20, "hba1cPercent", 12.5));
        assertThat(r.verdictLabel()).isEqualTo("Not eligible");
        assertThat(r.verdictText()).isEqualTo("Not eligible: ulcer area 20 cm², the trial requires 0.5–13 cm²; "
                + "HbA1c 12.5%, the trial excludes HbA1c above 12%.");
        assertThat(r.criteria()).extracting(ScreeningResult.CriterionResult::sentence).containsExactly(
                "Age: not recorded (the trial requires 18–80 years).",
                "Diabetes type: not recorded (the trial requires type 1 or type 2).",
                "Ulcer duration (non-healing): not recorded (the trial requires more than 56 days).",
                "Ulcer area: 20 cm² — not met (the trial requires 0.5–13 cm²).",
                "Wagner ulcer grade: not recorded (the trial requires grade 1).",
                "Ankle-brachial index or " + TCPO2 + ": not recorded (the trial requires ankle-brachial index more than 0.7 and less than 1.3, or "
                        + TCPO2 + " more than 30 mmHg, or what the investigator checks: A. Palpable tibialis anterior and posterior arteries in the affected foot).",
                "HbA1c: 12.5% — excluded (the trial excludes HbA1c above 12%).");
        ScreeningResult.CriterionResult area = r.criteria().get(3);
        assertThat(area.label()).isEqualTo("Ulcer area");
        assertThat(area.requirement()).isEqualTo("the trial requires 0.5–13 cm²");
        assertThat(area.statusText()).isEqualTo("not met");
        assertThat(r.investigatorText()).isEqualTo("12 further criteria of the protocol cannot be decided from the patient's details: "
                + "the investigator checks them.");
    }

    @Test
    void anOpenScreeningSaysHowManyCriteriaCouldNotBeCheckedAndWhatToRecord() {
        ScreeningResult r = screen("NCT06003530", Map.of("ulcerAreaCm2", 4, "ageYears", 60));
        assertThat(r.verdictLabel()).isEqualTo("May be eligible");
        assertThat(r.verdictText()).isEqualTo("May be eligible: 5 criteria could not be checked (diabetes type, ulcer duration (non-healing), "
                + "Wagner ulcer grade, ankle-brachial index, " + TCPO2 + " and HbA1c not recorded).");
        assertThat(r.collectLabels()).containsExactly("Diabetes type", "Ulcer duration (non-healing)", "Wagner ulcer grade", "Ankle-brachial index",
                TCPO2, "HbA1c");
        assertThat(r.criteria().get(0).sentence()).isEqualTo("Age: 60 years — met (the trial requires 18–80 years).");
        assertThat(r.criteria().get(6).sentence()).isEqualTo("HbA1c: not recorded (the trial excludes HbA1c above 12%).");
    }

    @Test
    void oneOpenCriterionIsSingularAndAnUnscreenedAlternativeIsLeftToTheInvestigator() {
        Map<String, Object> values = eligibleFor06003530();
        values.put("abi", 0.7);
        values.put("tcpo2MmHg", 30);
        ScreeningResult r = screen("NCT06003530", values);
        assertThat(r.verdictText()).isEqualTo("May be eligible: 1 criterion could not be checked (ankle-brachial index or " + TCPO2
                + " to be checked by the investigator).");
        assertThat(r.criteria().get(5).sentence()).startsWith("Ankle-brachial index or " + TCPO2 + ": ankle-brachial index 0.7, " + TCPO2
                + " 30 mmHg — for the investigator to check (the trial requires ");
    }

    @Test
    void anEligibleCandidateMeetsEveryCriterionCheckedWithTheirOwnValues() {
        ScreeningResult r = screen("NCT06003530", eligibleFor06003530());
        assertThat(r.verdictLabel()).isEqualTo("Eligible on every criterion checked");
        assertThat(r.verdictText()).isEqualTo("Eligible on every criterion checked (7 criteria).");
        assertThat(r.criteria()).extracting(ScreeningResult.CriterionResult::sentence).startsWith(
                "Age: 60 years — met (the trial requires 18–80 years).",
                "Diabetes type: type 2 — met (the trial requires type 1 or type 2).",
                "Ulcer duration (non-healing): 90 days — met (the trial requires more than 56 days).",
                "Ulcer area: 4 cm² — met (the trial requires 0.5–13 cm²).",
                "Wagner ulcer grade: 1 — met (the trial requires grade 1).");
        assertThat(r.criteria().get(5).sentence()).startsWith("Ankle-brachial index or " + TCPO2 + ": ankle-brachial index 0.9, " + TCPO2
                + " 40 mmHg — met (");
        assertThat(r.criteria().get(6).sentence()).isEqualTo("HbA1c: 8% — not excluded (the trial excludes HbA1c above 12%).");
    }

    @Test
    void theSecondTrialsLimitsAndItsUnreadablePart() {
        Map<String, Object> values = eligibleFor06003530();
        values.put("diabetesType", "other");
        ScreeningResult r = screen("NCT04569409", values);
        assertThat(r.verdictText()).isEqualTo("Not eligible: diabetes type other, the trial requires type 1 or type 2; "
                + "Wagner ulcer grade 1, the trial requires grade 2.");
        assertThat(r.criteria()).extracting(ScreeningResult.CriterionResult::sentence).startsWith(
                "Age: 60 years — met (the trial requires 19–75 years).",
                "Diabetes type: other — not met (the trial requires type 1 or type 2).",
                "Ulcer duration (non-healing): 90 days — met (the trial requires more than 28 and less than 364 days).",
                "Ulcer area: 4 cm² — met (the trial requires 1.5–15 cm²).",
                "Wagner ulcer grade: 1 — not met (the trial requires grade 2).");
        assertThat(r.investigatorText()).isEqualTo("14 further criteria of the protocol cannot be decided from the patient's details: "
                + "the investigator checks them. Part of the protocol could not be read: see the registry record.");
        ScreeningResult open = screen("NCT04569409", Map.of("ulcerAreaCm2", 15, "ulcerDurationDays", 100, "ageYears", 40, "diabetesType", "type-1",
                "wagnerGrade", 2));
        assertThat(open.verdictText()).isEqualTo("May be eligible: 1 criterion could not be checked (ankle-brachial index and " + TCPO2
                + " not recorded).");
    }

    @Test
    void everyTrialCanBeScreenedAtOnceForAPageListingTheTrialsAPatientMayFit() {
        List<ScreeningResult> all = screener.screenAll(PatientProfile.of(Map.of("ulcerAreaCm2", 14, "wagnerGrade", 2)));
        assertThat(all).extracting(ScreeningResult::trial).containsExactly("NCT04569409", "NCT06003530");
        assertThat(all).extracting(ScreeningResult::verdictLabel).containsExactly("May be eligible", "Not eligible");
        assertThat(ScreeningText.trialLine(all.get(1))).isEqualTo("Trial NCT06003530 (Study for Treatment of Chronic Diabetic Foot Ulcers "
                + "With the Investigational Allogeneic Cell Therapy Product, hOMSC200): Not eligible: ulcer area 14 cm², the trial requires "
                + "0.5–13 cm²; Wagner ulcer grade 2, the trial requires grade 1.");
    }

    @Test
    void noTextForPeopleHoldsAFieldNameOrACode() {
        List<Map<String, Object>> candidates = List.of(Map.of(), Map.of("ulcerAreaCm2", 20, "hba1cPercent", 12.5), eligibleFor06003530(),
                Map.of("ageYears", 90, "diabetesType", "other", "wagnerGrade", 0, "ulcerDurationDays", 10, "abi", 0.2, "tcpo2MmHg", 5));
        for (String trial : List.of("NCT06003530", "NCT04569409")) {
            for (Map<String, Object> values : candidates) {
                ScreeningResult r = screen(trial, values);
                List<String> texts = new java.util.ArrayList<>(List.of(r.verdictLabel(), r.verdictText(), r.investigatorText()));
                texts.addAll(r.collectLabels());
                r.criteria().forEach(c -> texts.addAll(List.of(c.label(), c.requirement(), c.statusText(), c.sentence())));
                for (String text : texts) {
                    // mmHg is a unit, not a field name
                    assertThat(text.replace("mmHg", "")).as(trial + " " + values).doesNotContainPattern(CAMEL_CASE)
                            .doesNotContain("type-1", "type-2", "not-met", "needs-information", "cm2", ".0 ", "criterion(s)");
                }
            }
        }
    }

    @Test
    void theCommandLineTextUsesTheSameSentences() {
        String text = ScreeningText.render(screen("NCT06003530", Map.of("ulcerAreaCm2", 20)));
        assertThat(text).contains("Trial NCT06003530: Study for Treatment of Chronic Diabetic Foot Ulcers",
                "Criteria transcribed from copies of the registry record, not from the registry itself (transcription 1.0.0; rules version NCT06003530@1.0.0+rules.",
                "Verdict: Not eligible: ulcer area 20 cm², the trial requires 0.5–13 cm².",
                "  Inclusion  Ulcer area: 20 cm² — not met (the trial requires 0.5–13 cm²).",
                "             Protocol: \"Size of foot ulcer 0.5-13 cm2\"",
                "To decide the open criteria, record: age, diabetes type,",
                "12 further criteria of the protocol cannot be decided");
    }
}
