package org.evidencecds.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profile fields and refused inputs in words: labels and units from fields.yaml, never a field name. */
class FieldTextTest {

    static List<String> refused(Map<String, Object> values) {
        try {
            PatientProfile.of(values);
        } catch (PatientProfile.InvalidProfileException e) {
            return e.errors().stream().map(FieldErrorText::of).toList();
        }
        throw new AssertionError("accepted: " + values);
    }

    @Test
    void labelsReadInASentenceKeepNamesAndMixedCaseWords() {
        assertThat(FieldText.labelInSentence("ulcerAreaCm2")).isEqualTo("ulcer area");
        assertThat(FieldText.labelInSentence("abi")).isEqualTo("ankle-brachial index");
        assertThat(FieldText.labelInSentence("hba1cPercent")).isEqualTo("HbA1c");
        assertThat(FieldText.labelInSentence("wagnerGrade")).isEqualTo("Wagner ulcer grade");
    }

    @Test
    void valuesCarryTheirUnitsAndWholeNumbersNoDecimals() {
        assertThat(FieldText.value("ulcerAreaCm2", 20.0)).isEqualTo("20 cm²");
        assertThat(FieldText.value("hba1cPercent", 12.5)).isEqualTo("12.5%");
        assertThat(FieldText.value("ageYears", 60.0)).isEqualTo("60 years");
        assertThat(FieldText.value("abi", 0.9)).isEqualTo("0.9");
        assertThat(FieldText.value("diabetesType", "type-2")).isEqualTo("type 2");
        assertThat(FieldText.value("tcpo2MmHg", null)).isEqualTo("not recorded");
        assertThat(FieldText.between(ProfileSchema.field("wagnerGrade").orElseThrow())).isEqualTo("a whole number between 0 and 5");
        assertThat(FieldText.count(1, "criterion", "criteria")).isEqualTo("1 criterion");
        assertThat(FieldText.count(6, "criterion", "criteria")).isEqualTo("6 criteria");
    }

    @Test
    void refusedInputsAreSaidWithTheFieldsLabelAndUnit() {
        assertThat(refused(Map.of("ulcerAreaCm2", -1))).containsExactly("Ulcer area: must be between 0 and 1000 cm² (entered: −1)");
        assertThat(refused(Map.of("hba1cPercent", "abc"))).containsExactly("HbA1c: enter a number (entered: \"abc\")");
        assertThat(refused(Map.of("wagnerGrade", 1.5))).containsExactly("Wagner ulcer grade: must be a whole number (entered: 1.5)");
        assertThat(refused(Map.of("diabetesType", "type-3"))).containsExactly("Diabetes type: must be type 1, type 2 or other (entered: \"type-3\")");
        assertThat(refused(Map.of("abi", true))).containsExactly("Ankle-brachial index: must be a number");
        assertThat(refused(Map.of("footUlcer", "no", "ulcerAreaCm2", 4)))
                .containsExactly("Current diabetic foot ulcer: “no” contradicts the recorded ulcer area (which means “yes”)");
        assertThat(refused(Map.of("ulcerSize", 4))).containsExactly("“ulcerSize” is not a detail the patient profile has");
        // the screening API's names ("profile.ulcerAreaCm2") read the same
        assertThat(FieldErrorText.of(new PatientProfile.FieldError("profile.ulcerAreaCm2", "must be between 0 and 1000 cm2, got 2000")))
                .isEqualTo("Ulcer area: must be between 0 and 1000 cm² (entered: 2000)");
    }
}
