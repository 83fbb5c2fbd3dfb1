package org.evidencecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The FHIR reader on data shaped the way EHRs and Synthea send it (src/test/resources/fhir, README there):
 * every case an integrator found misread, with the values a clinician would read from the same record.
 */
class FhirPatientReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    private static final FhirPatientReader READER = new FhirPatientReader(ReadingRules.standard());

    /** Reads a CDS Hooks request body of src/test/resources/fhir/ehr as the service does. */
    static FhirReading ehr(String name) throws Exception {
        JsonNode request = JSON.readTree(Files.readString(Path.of("src/test/resources/fhir/ehr", name + ".json")));
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        request.get("prefetch").fields().forEachRemaining(e -> prefetch.put(e.getKey(), e.getValue()));
        return READER.read(ResourceParser.fromPrefetch(prefetch, request.path("context").path("patientId").asText()), TODAY);
    }

    static FhirReading synthea(String name) throws Exception {
        JsonNode bundle = JSON.readTree(Files.readString(Path.of("src/test/resources/fhir/synthea", name + ".json")));
        return READER.read(ResourceParser.fromBundle(bundle, null), TODAY);
    }

    /** Years as the reader gives them: days / 365.25, rounded down to two decimals. */
    private static double years(long days) {
        return Math.floor(days / 365.25 * 100) / 100;
    }

    @Test
    void anAreaInSquareMillimetresIsConvertedToSquareCentimetres() throws Exception {
        FhirReading r = ehr("area-mm2");
        assertThat(r.values()).containsEntry("ulcerAreaCm2", 5.0).containsEntry("diabetesType", "type-2").containsEntry("footUlcer", "yes")
                .containsEntry("ulcerDurationDays", 212.0);
        assertThat((Double) r.values().get("diabetesDurationYears")).isCloseTo(years(3155), within(1e-9));
        assertThat(r.read()).anySatisfy(n -> assertThat(n.toString()).isEqualTo(
                "Ulcer area: 5 cm², from Area of wound (89260-4) 500 mm2 of 2026-11-16 (unit converted by UCUM) [Observation/eUwE4BoMMc8b6ZGZkWBvKQX3]"))
                .anySatisfy(n -> assertThat(n.toString()).isEqualTo("Current diabetic foot ulcer: a current Diabetic foot (280137006), onset 2026-05-01"));
    }

    @Test
    void hba1cInMmolPerMolIsConvertedByTheMasterEquationAndInPercentIsReadAsIs() throws Exception {
        FhirReading ifcc = ehr("hba1c-ifcc");
        assertThat((Double) ifcc.values().get("hba1cPercent")).isCloseTo(8.372, within(1e-9));
        assertThat(ifcc.read()).anySatisfy(n -> assertThat(n.text()).contains("68 mmol/mol").endsWith("by the IFCC-NGSP master equation"));
        assertThat(ehr("hba1c-4548-percent").values()).containsEntry("hba1cPercent", 8.1);
    }

    @Test
    void badValuesAreDroppedWithANoteAndNeverTakenAsNumbers() throws Exception {
        FhirReading r = ehr("bad-values");
        assertThat(r.values()).containsEntry("ulcerAreaCm2", 9.5).doesNotContainKey("hba1cPercent").containsEntry("ulcerDurationDays", 170.0);
        assertThat(r.ignored()).extracting(ReadNote::toString).anySatisfy(s -> assertThat(s).contains("'abc'"))
                .anySatisfy(s -> assertThat(s).contains("'true'"))
                .anySatisfy(s -> assertThat(s).contains("HbA1c 7.4 xyz").contains("unit 'xyz' is not a UCUM unit"));
    }

    @Test
    void enteredInErrorAndRefutedRecordsAreNotRead() throws Exception {
        FhirReading r = ehr("statuses");
        assertThat(r.values()).containsEntry("diabetesType", "type-2").containsEntry("ulcerAreaCm2", 6.0).containsEntry("ulcerDurationDays", 106.0);
        // the refuted type 1 diagnosis is older, but must not move the onset
        assertThat((Double) r.values().get("diabetesDurationYears")).isCloseTo(years(5264), within(1e-9));
        assertThat(r.ignored()).extracting(ReadNote::text).anySatisfy(t -> assertThat(t).contains("entered-in-error"))
                .anySatisfy(t -> assertThat(t).contains("refuted"));
    }

    @Test
    void aResolvedUlcerIsNotACurrentOne() throws Exception {
        FhirReading r = ehr("resolved-ulcer");
        assertThat(r.values()).doesNotContainKeys("footUlcer", "ulcerDurationDays", "ulcerAreaCm2").containsEntry("diabetesType", "type-2");
        assertThat(r.ignored()).extracting(ReadNote::text).anySatisfy(t -> assertThat(t).contains("is resolved (abated 2025-10-25): not current"));
    }

    @Test
    void codesAreMatchedBySystemAndCodeNotByWords() throws Exception {
        FhirReading r = ehr("lookalikes");
        assertThat(r.values()).doesNotContainKeys("diabetesType", "diabetesDurationYears", "footUlcer", "ulcerDurationDays");
        assertThat(ehr("no-diabetes-no-ulcer").values()).doesNotContainKeys("diabetesType", "diabetesDurationYears", "footUlcer");
    }

    @Test
    void theEarliestConfirmedOnsetGivesTheDiabetesDuration() throws Exception {
        FhirReading r = ehr("earliest-onset");
        assertThat((Double) r.values().get("diabetesDurationYears")).isCloseTo(years(5479), within(1e-9));
        assertThat(r.values()).containsEntry("ulcerDurationDays", 60.0).containsEntry("ulcerAreaCm2", 3.5);
    }

    @Test
    void theMostRecentResultByEffectiveTimeIsRead() throws Exception {
        assertThat(ehr("latest-by-effective").values()).containsEntry("ulcerAreaCm2", 7.0).containsEntry("ulcerDurationDays", 580.0);
        FhirReading synthea = synthea("synthea-t2dm");
        assertThat(synthea.values()).containsEntry("hba1cPercent", 7.9).containsEntry("diabetesType", "type-2").containsEntry("ageYears", 68.0)
                .doesNotContainKey("footUlcer");
        assertThat((Double) synthea.values().get("diabetesDurationYears")).isCloseTo(years(5739), within(1e-9));
    }

    @Test
    void onlyThePatientsOwnResourcesAreRead() throws Exception {
        FhirReading r = ehr("other-patient");
        assertThat(r.values()).containsEntry("ulcerAreaCm2", 4.0).containsEntry("hba1cPercent", 7.2).containsEntry("ulcerDurationDays", 78.0)
                .containsEntry("ageYears", 57.0);
        assertThat((Double) r.values().get("diabetesDurationYears")).isCloseTo(years(2493), within(1e-9));
        assertThat(r.ignored()).extracting(ReadNote::text).anySatisfy(t -> assertThat(t).contains("of another patient than Patient/p-1"));
    }

    @Test
    void partialDatesKeepTheirPrecision() throws Exception {
        FhirReading r = ehr("partial-dates");
        // "2021" is some day of 2021: at least 1794 days (from 2021-12-31), at most 2158; the value is what has surely passed
        assertThat((Double) r.values().get("diabetesDurationYears")).isCloseTo(years(1794), within(1e-9));
        assertThat(r.values()).containsEntry("ulcerDurationDays", 121.0);
        assertThat(r.read()).extracting(ReadNote::text).anySatisfy(t -> assertThat(t).startsWith("at least 4.9 years, up to 6 years")
                .contains("recorded as 2021 (year only)"))
                .anySatisfy(t -> assertThat(t).startsWith("at least 121 days, up to 151 days").contains("2026-07 (year and month only)"));
    }

    @Test
    void onsetAgeAndOnsetPeriodAreRead() throws Exception {
        FhirReading age = ehr("onset-age");
        // born 1961-08-15, onset at 52: between 2013-08-15 and 2014-08-14; surely since 2014-08-14
        assertThat((Double) age.values().get("diabetesDurationYears")).isCloseTo(years(LocalDate.of(2014, 8, 14).until(TODAY, java.time.temporal.ChronoUnit.DAYS)), within(1e-9));
        assertThat(age.values()).containsEntry("ageYears", 65.0);
        assertThat((Double) ehr("onset-period").values().get("diabetesDurationYears")).isCloseTo(years(3925), within(1e-9));
    }

    @Test
    void aFutureOnsetIsIgnoredAndTheRestStillRead() throws Exception {
        FhirReading r = ehr("future-onset");
        assertThat(r.values()).doesNotContainKey("diabetesDurationYears").containsEntry("ulcerAreaCm2", 5.5).containsEntry("ulcerDurationDays", 89.0);
        assertThat(r.ignored()).extracting(ReadNote::text).anySatisfy(t -> assertThat(t).contains("onset 2027-03-01 is in the future"));
    }

    @Test
    void nullPrefetchIsNoDataAndAnOperationOutcomeIsNoted() throws Exception {
        FhirReading none = ehr("null-prefetch");
        assertThat(none.values()).containsOnlyKeys("ageYears");
        FhirReading oo = ehr("operation-outcome");
        assertThat(oo.values()).containsEntry("ulcerDurationDays", 127.0).doesNotContainKey("ulcerAreaCm2");
        assertThat(oo.ignored()).extracting(ReadNote::text).anySatisfy(t -> assertThat(t).startsWith("prefetch 'observations' is an OperationOutcome"));
    }

    @Test
    void aValueNoPatientCanHaveIsNamedNotUsed() throws Exception {
        JsonNode request = JSON.readTree(Files.readString(Path.of("src/test/resources/fhir/ehr/earliest-onset.json")));
        String text = request.toString().replace("\"2011-11-29\"", "\"1850-01-01\"");
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        JSON.readTree(text).get("prefetch").fields().forEachRemaining(e -> prefetch.put(e.getKey(), e.getValue()));
        FhirReading r = READER.read(ResourceParser.fromPrefetch(prefetch, request.path("context").path("patientId").asText()), TODAY);
        assertThat(r.values()).doesNotContainKey("diabetesDurationYears").containsEntry("ulcerAreaCm2", 3.5);
        assertThat(r.ignored()).extracting(ReadNote::toString).anySatisfy(s -> assertThat(s)
                .startsWith("Diabetes duration: 176.9 years, since the onset of").contains("outside what is possible (0 to 100 years): not read"));
    }

    @Test
    void syntheaUrnUuidReferencesAreThePatientsOwn() throws Exception {
        FhirReading r = synthea("synthea-t2dm-foot-ulcer");
        assertThat(r.values()).containsEntry("ulcerAreaCm2", 8.0).containsEntry("hba1cPercent", 8.6).containsEntry("footUlcer", "yes")
                .containsEntry("ulcerDurationDays", 282.0).containsEntry("ageYears", 76.0);
        assertThat((Double) r.values().get("diabetesDurationYears")).isCloseTo(years(4593), within(1e-9));
    }
}
