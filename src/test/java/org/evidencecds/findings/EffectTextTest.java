package org.evidencecds.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.evidencecds.evidence.Interval;
import org.evidencecds.profile.ProfileSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one formatter of text people read: exponents, whole numbers, units, ranges, recorded values, plurals. */
class EffectTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1×10^7 to 1.2×10^9 cells (medium-to-high) | 1×10⁷ to 1.2×10⁹ cells (medium-to-high)",
            "< 1×10^7 cells                            | < 1×10⁷ cells",
            "1.5x10^{-3} mol                           | 1.5x10⁻³ mol",
            "≥ 10 cm²                                  | ≥ 10 cm²",
            "a caret ^ alone stays                     | a caret ^ alone stays",
    })
    void exponentsTheSourcePrintedInPlainTextBecomeSuperscripts(String source, String shown) {
        assertThat(EffectText.display(source)).isEqualTo(shown);
    }

    @Test
    void wholeNumbersHaveNoPointZeroAndLargeOnesAPowerOfTen() {
        assertThat(EffectText.plain(60.0)).isEqualTo("60");
        assertThat(EffectText.plain(8.1)).isEqualTo("8.1");
        assertThat(EffectText.plain(-4.0)).isEqualTo("−4");
        assertThat(EffectText.bound(1e7)).isEqualTo("1×10⁷");
        assertThat(EffectText.bound(1.2e9)).isEqualTo("1.2×10⁹");
        assertThat(EffectText.bound(36500)).isEqualTo("36500");
        assertThat(EffectText.bound(0.5)).isEqualTo("0.5");
    }

    @Test
    void rangesReadAsPeopleWriteThem() {
        assertThat(EffectText.range(new Interval(1e7, true, 1.2e9, true), "cells")).isEqualTo("1×10⁷ to 1.2×10⁹ cells");
        assertThat(EffectText.range(new Interval(10.0, true, null, false), "cm2")).isEqualTo("≥ 10 cm²");
        assertThat(EffectText.range(new Interval(null, false, 10.0, false), "years")).isEqualTo("< 10 years");
        assertThat(EffectText.range(new Interval(0.5, true, 13.0, false), "cm2")).isEqualTo("≥ 0.5 and < 13 cm²");
        assertThat(EffectText.range(new Interval(0.7, false, 1.3, false), "index")).isEqualTo("> 0.7 and < 1.3");
    }

    @Test
    void profileValuesHaveTheDisplayUnitAndNoneForAnIndexOrAGrade() {
        assertThat(EffectText.profileValue("ageYears", 60.0)).isEqualTo("60 years");
        assertThat(EffectText.profileValue("ulcerAreaCm2", 12.0)).isEqualTo("12 cm²");
        assertThat(EffectText.profileValue("hba1cPercent", 8.1)).isEqualTo("8.1%");
        assertThat(EffectText.profileValue("abi", 0.9)).isEqualTo("0.9");
        assertThat(EffectText.profileValue("wagnerGrade", 2.0)).isEqualTo("2");
        assertThat(EffectText.profileValue("diabetesType", "type-2")).isEqualTo("type 2");
        assertThat(EffectText.label("hba1cPercent")).isEqualTo("HbA1c");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("diabetesType", "type-2");
        values.put("ageYears", 60.0);
        values.put("ulcerAreaCm2", 12.0);
        // in the order of the field definitions (the form's), with labels, never field names
        assertThat(EffectText.profile(values)).isEqualTo("Ulcer area: 12 cm²; Age: 60 years; Diabetes type: type 2");
        assertThat(EffectText.profile(Map.of())).isEqualTo("no inputs");
        assertThat(EffectText.quantity(ProfileSchema.field("ulcerDurationDays").orElseThrow(), 250.0)).isEqualTo("250 days");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1e7                                              | 1×10⁷",
            "-22.68                                           | −22.68",
            "0.95                                             | 0.95",
            "favours-cell-therapy (text: 'significantly lower') | favours cell therapy (text: 'significantly lower')",
            "no-difference                                    | no difference",
            "<0.01                                            | <0.01",
            "22 (rows of Table 1, refs [12]-[33])             | 22 (rows of Table 1, refs [12]-[33])",
    })
    void recordedValuesAreShownInWordsWithNothingLost(String recorded, String shown) {
        assertThat(EffectText.recorded(recorded)).isEqualTo(shown);
    }

    @Test
    void countsHaveProperPlurals() {
        assertThat(EffectText.count(1, "pack", "packs")).isEqualTo("1 pack");
        assertThat(EffectText.count(2, "trial protocol", "trial protocols")).isEqualTo("2 trial protocols");
        assertThat(EffectText.count(0, "problem", "problems")).isEqualTo("0 problems");
    }
}
