package org.evidencecds.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The profile fields are data (fields.yaml); a broken definition stops the program naming field and reason. */
class ProfileSchemaTest {

    @Test
    void theFieldsComeFromTheDataFile() {
        assertThat(ProfileSchema.FIELDS).extracting(ProfileField::name).contains("ulcerAreaCm2", "hba1cPercent",
                "insulinDoseUnitsPerDay", "diabetesType", "diabetesDurationYears", "fastingCPeptideNmolL", "wagnerGrade");
        ProfileField cPeptide = ProfileSchema.field("fastingCPeptideNmolL").orElseThrow();
        assertThat(cPeptide.unit()).isEqualTo("nmol/L");
        assertThat(cPeptide.min()).isEqualTo(0.0);
        assertThat(cPeptide.cli()).containsExactly("--fasting-c-peptide-nmol-l");
        assertThat(ProfileSchema.field("wagnerGrade").orElseThrow().wholeNumber()).isTrue();
        assertThat(ProfileSchema.field("diabetesType").orElseThrow().allowed()).containsExactly("type-1", "type-2", "other");
        assertThat(ProfileSchema.field("ulcerAreaCm2").orElseThrow().ucum()).isEqualTo("cm2");
        assertThat(ProfileSchema.field("footUlcer").orElseThrow().impliedBy()).containsExactly("ulcerAreaCm2", "ulcerDurationDays");
        assertThat(ProfileSchema.field("ulcerAreaCm2").orElseThrow().typicalMin()).isEqualTo(0.2);
    }

    @Test
    void aDimensionlessFieldShowsNoUnitAndKeepsItsUcumCode() {
        ProfileField abi = ProfileSchema.field("abi").orElseThrow();
        assertThat(abi.displayUnit()).isEmpty();
        assertThat(abi.labelWithUnit()).isEqualTo("Ankle-brachial index");
        assertThat(abi.ucum()).isEqualTo("1");
        ProfileField wagner = ProfileSchema.field("wagnerGrade").orElseThrow();
        assertThat(wagner.labelWithUnit()).isEqualTo("Wagner ulcer grade");
        assertThat(wagner.ucum()).isEqualTo("{grade}");
        assertThat(ProfileSchema.field("ulcerAreaCm2").orElseThrow().labelWithUnit()).isEqualTo("Ulcer area (cm²)");
        assertThat(ProfileSchema.field("ulcerAreaCm2").orElseThrow().ucum()).isEqualTo("cm2");
        assertThat(ProfileSchema.field("hba1cPercent").orElseThrow().withUnit("8.1")).isEqualTo("8.1%");
        assertThat(ProfileSchema.field("tcpo2MmHg").orElseThrow().withUnit("40")).isEqualTo("40 mmHg");
        for (ProfileField f : ProfileSchema.FIELDS) {
            // "(index)", "(grade)", "(cm2)" never reach a label
            assertThat(f.labelWithUnit()).as(f.name()).doesNotContain("(index)", "(grade)", "cm2");
        }
    }

    @Test
    void everyCategoricalValueHasWords() {
        assertThat(ProfileSchema.field("diabetesType").orElseThrow().valueWords("type-2")).isEqualTo("type 2 diabetes");
        assertThat(ProfileSchema.field("footUlcer").orElseThrow().valueWords("yes")).isEqualTo("a current diabetic foot ulcer");
        for (ProfileField f : ProfileSchema.FIELDS) {
            for (String value : f.allowed()) {
                assertThat(f.words()).as(f.name() + " " + value).containsKey(value);
            }
        }
    }

    @Test
    void refusalsShowUnitsAsPeopleWriteThem() {
        assertThatThrownBy(() -> PatientProfile.of(java.util.Map.of("wagnerGrade", 1.5)))
                .hasMessage("wagnerGrade: must be a whole number, got 1.5");
        assertThatThrownBy(() -> PatientProfile.of(java.util.Map.of("abi", 4)))
                .hasMessage("abi: must be between 0 and 3, got 4");
        assertThatThrownBy(() -> PatientProfile.of(java.util.Map.of("hba1cPercent", 30)))
                .hasMessage("hba1cPercent: must be between 3 and 25%, got 30");
        assertThatThrownBy(() -> PatientProfile.of(java.util.Map.of("ulcerAreaCm2", true)))
                .hasMessage("ulcerAreaCm2: must be a number in cm²");
    }

    @org.junit.jupiter.api.Test
    void anUlcerWithAnAreaIsACurrentUlcerAndAContradictionIsRefused() {
        assertThat(PatientProfile.of(java.util.Map.of("ulcerAreaCm2", 5)).value("footUlcer")).isEqualTo("yes");
        assertThat(PatientProfile.of(java.util.Map.of("ulcerDurationDays", 30)).value("footUlcer")).isEqualTo("yes");
        assertThat(PatientProfile.of(java.util.Map.of("diabetesDurationYears", 5)).value("footUlcer")).isNull();
        assertThat(PatientProfile.of(java.util.Map.of("footUlcer", "no")).value("footUlcer")).isEqualTo("no");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PatientProfile.of(java.util.Map.of("footUlcer", "no", "ulcerAreaCm2", 5)))
                .isInstanceOf(PatientProfile.InvalidProfileException.class)
                .hasMessage("footUlcer: is \"no\", but ulcerAreaCm2 is recorded, which means \"yes\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown key        | {fields: [{name: a, label: A, unit: x, min: 0, max: 1, cli: [--a], colour: red}]} | fields.yaml: field a: unknown key 'colour'",
            "min above max      | {fields: [{name: a, label: A, unit: x, min: 2, max: 1, cli: [--a]}]} | fields.yaml: field a: a numeric field needs min <= max",
            "categorical bounds | {fields: [{name: a, label: A, allowed: [x], min: 0, cli: [--a]}]} | fields.yaml: field a: a categorical field has allowed values, not min, max or unit",
            "bad option name    | {fields: [{name: a, label: A, unit: x, min: 0, max: 1, cli: [-a]}]} | fields.yaml: field a: needs cli option names like --ulcer-area-cm2",
            "twice              | {fields: [{name: a, unit: x, min: 0, max: 1, cli: [--a]}, {name: a, unit: x, min: 0, max: 1, cli: [--b]}]} | fields.yaml: field a: defined twice",
            "implied numeric    | {fields: [{name: a, unit: x, min: 0, max: 1, cli: [--a], implied: {value: yes, by: [a]}}]} | fields.yaml: field a: implied needs a categorical field, value (one of its allowed values) and by (fields)",
            "implied by unknown | {fields: [{name: a, allowed: [y], cli: [--a], implied: {value: y, by: [b]}}]} | fields.yaml: field a: implied by unknown field 'b'",
            "words not allowed  | {fields: [{name: a, allowed: [y], cli: [--a], words: {z: zed}}]} | fields.yaml: field a: words are for the allowed values of a categorical field",
    })
    void aBrokenDefinitionIsRefusedNamingTheField(String name, String yaml, String message) throws Exception {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        assertThatThrownBy(() -> ProfileSchema.parse(root)).hasMessage(message);
    }
}
