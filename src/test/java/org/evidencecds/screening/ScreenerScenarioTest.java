package org.evidencecds.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.evidencecds.profile.PatientProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Screening against the transcribed NCT06003530 protocol (hOMSC200): every criterion at its boundaries
 * (the value, and the next double either side), missing inputs, and the any-of circulation criterion
 * whose unscreened alternative (palpable arteries) keeps it from ever being "not met".
 */
class ScreenerScenarioTest {

    static final String TRIAL = "NCT06003530";
    static Screener screener;

    @BeforeAll
    static void load() {
        screener = Screener.load(Path.of("evidence"), Path.of("rules"), Set.of("dfu-cell-therapy"));
    }

    /** A candidate who meets every screened criterion. */
    static Map<String, Object> eligible() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ageYears", 60);
        m.put("diabetesType", "type-2");
        m.put("ulcerDurationDays", 90);
        m.put("ulcerAreaCm2", 4);
        m.put("wagnerGrade", 1);
        m.put("abi", 0.9);
        m.put("tcpo2MmHg", 40);
        m.put("hba1cPercent", 8);
        return m;
    }

    static ScreeningResult screen(Map<String, Object> values) {
        return screener.screen(TRIAL, PatientProfile.of(values));
    }

    static ScreeningResult.CriterionResult criterion(ScreeningResult r, String id) {
        return r.criteria().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aCandidateMeetingEveryScreenedCriterionIsEligibleAndTheRestIsLeftToTheInvestigator() {
        ScreeningResult r = screen(eligible());
        assertThat(r.verdict()).isEqualTo("eligible");
        assertThat(r.verdictRule()).isEqualTo("screening/verdict/eligible");
        assertThat(r.criteria()).extracting(ScreeningResult.CriterionResult::status).containsOnly("met", "not-met");
        assertThat(criterion(r, "hba1c").status()).isEqualTo("not-met");
        assertThat(criterion(r, "hba1c").effect()).isEqualTo("allows");
        assertThat(criterion(r, "ulcer-area").inputs()).containsEntry("ulcerAreaCm2", 4.0);
        assertThat(criterion(r, "ulcer-area").rules()).containsExactly("NCT06003530/inclusion/ulcer-area/met");
        assertThat(r.notScreened()).hasSize(12);
        assertThat(r.summary()).isEqualTo("Eligible on the 7 screened criteria. 12 further criteria of the protocol are for the investigator to check.");
        assertThat(r.rulesVersion()).startsWith("NCT06003530@1.0.0+rules.");
    }

    @ParameterizedTest(name = "{0} = {1} -> {2} is {3}")
    @CsvSource({
            // field, value, criterion, status, verdict
            "ageYears, 18, age, met, eligible",
            "ageYears, 17.999999999999996, age, not-met, not-eligible",
            "ageYears, 80, age, met, eligible",
            "ageYears, 80.00000000000001, age, not-met, not-eligible",
            "ulcerDurationDays, 56, ulcer-duration, not-met, not-eligible",
            "ulcerDurationDays, 56.00000000000001, ulcer-duration, met, eligible",
            "ulcerAreaCm2, 0.5, ulcer-area, met, eligible",
            "ulcerAreaCm2, 0.49999999999999994, ulcer-area, not-met, not-eligible",
            "ulcerAreaCm2, 13, ulcer-area, met, eligible",
            "ulcerAreaCm2, 13.000000000000002, ulcer-area, not-met, not-eligible",
            "wagnerGrade, 0, wagner-grade, not-met, not-eligible",
            "wagnerGrade, 2, wagner-grade, not-met, not-eligible",
            "hba1cPercent, 12, hba1c, not-met, eligible",
            "hba1cPercent, 12.000000000000002, hba1c, met, not-eligible",
            "diabetesType, other, diabetes-type, not-met, not-eligible",
            "diabetesType, type-1, diabetes-type, met, eligible",
    })
    void everyCriterionAtItsBoundary(String field, String value, String criterion, String status, String verdict) {
        Map<String, Object> values = eligible();
        values.put(field, value);
        ScreeningResult r = screen(values);
        assertThat(criterion(r, criterion).status()).isEqualTo(status);
        assertThat(r.verdict()).isEqualTo(verdict);
        if (!field.equals("diabetesType")) {
            assertThat(criterion(r, criterion).inputs()).containsEntry(field, Double.parseDouble(value));
        }
    }

    @ParameterizedTest(name = "abi {0}, tcpo2 {1} -> {2}")
    @CsvSource({
            "0.7, 30, unknown",                         // both alternatives fail, palpable arteries not screened
            "0.7000000000000001, 30, met",
            "1.3, 30.000000000000004, met",
            "1.2999999999999998, , met",
            "1.3, , unknown",
            ", , unknown",
    })
    void circulationIsMetByAnyAlternativeAndNeverRuledOutWhileAnUnscreenedOneRemains(String abi, String tcpo2, String status) {
        Map<String, Object> values = eligible();
        values.put("abi", abi);
        values.put("tcpo2MmHg", tcpo2);
        ScreeningResult r = screen(values);
        ScreeningResult.CriterionResult c = criterion(r, "circulation");
        assertThat(c.status()).isEqualTo(status);
        assertThat(r.verdict()).isEqualTo(status.equals("met") ? "eligible" : "needs-information");
        if (status.equals("unknown")) {
            assertThat(c.notScreenedAlternatives()).containsExactly("A. Palpable tibialis anterior and posterior arteries in the affected foot");
        }
    }

    @Test
    void missingInputsMakeCriteriaUnknownAndAreListedToCollect() {
        Map<String, Object> values = eligible();
        values.remove("ageYears");
        values.remove("wagnerGrade");
        values.remove("hba1cPercent");
        ScreeningResult r = screen(values);
        assertThat(r.verdict()).isEqualTo("needs-information");
        assertThat(criterion(r, "age").status()).isEqualTo("unknown");
        assertThat(criterion(r, "age").missing()).containsExactly("ageYears");
        assertThat(criterion(r, "hba1c").status()).isEqualTo("unknown");
        assertThat(r.collect()).containsExactly("ageYears", "wagnerGrade", "hba1cPercent");
        assertThat(r.summary()).startsWith("Needs information: record ageYears, wagnerGrade, hba1cPercent; 3 criterion(s) undecided.");
    }

    @Test
    void aDecisiveInputRulesOutEvenWhenOthersAreMissing() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ulcerAreaCm2", 20);
        ScreeningResult r = screen(values);
        assertThat(r.verdict()).isEqualTo("not-eligible");
        assertThat(r.summary()).startsWith("Not eligible: ulcer-area not met (ulcerAreaCm2 = 20).");
        assertThat(criterion(r, "ulcer-area").effect()).isEqualTo("excludes");
    }

    @Test
    void anEmptyProfileNeedsEveryScreenedInput() {
        ScreeningResult r = screen(Map.of());
        assertThat(r.verdict()).isEqualTo("needs-information");
        assertThat(r.collect()).containsExactly("ageYears", "diabetesType", "ulcerDurationDays", "ulcerAreaCm2", "wagnerGrade", "abi",
                "tcpo2MmHg", "hba1cPercent");
    }

    @Test
    void theSecondProtocolKeepsItsUnreadableCriterionVisible() {
        ScreeningResult r = screener.screen("NCT04569409", PatientProfile.of(Map.of("ulcerAreaCm2", 15, "ulcerDurationDays", 364)));
        assertThat(criterion(r, "ulcer-area").status()).isEqualTo("met");
        assertThat(criterion(r, "ulcer-duration").status()).isEqualTo("not-met");
        assertThat(r.notScreened()).anySatisfy(u -> {
            assertThat(u.text()).isEqualTo("Have a glycated hemoglobin");
            assertThat(u.readable()).isFalse();
        });
    }
}
