package org.evidencecds.certainty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.evidencecds.findings.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GRADE guidelines 26 (Santesso et al. 2020) statements: the verb carries the certainty. */
class StatementsTest {

    private static Finding or(double estimate, double lo, double hi, boolean reversed) {
        return effect("OR", estimate, lo, hi, reversed);
    }

    private static Finding effect(String measure, double estimate, double lo, double hi, boolean reversed) {
        return new Finding("p/x/overall", "p", "1", "x", "X", measure, Finding.Role.OVERALL, null, null, null, null,
                Finding.Origin.REPORTED, estimate, lo, hi, String.valueOf(estimate), String.valueOf(lo), String.valueOf(hi), null,
                null, null, null, null, null, "lower", reversed, "s", "c", "Smith J et al. 2020", null, "loc", null, null,
                List.of(), List.of(), null, List.of(), "h");
    }

    private static final Statements.Subject AMPUTATION = new Statements.Subject("cell therapy", "amputation", Statements.Comparator.CONTROL);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "HIGH|Cell therapy reduces amputation compared with control (OR 0.29, 95% CI 0.18 to 0.49).",
            "MODERATE|Cell therapy probably reduces amputation compared with control (OR 0.29, 95% CI 0.18 to 0.49).",
            "LOW|Cell therapy may reduce amputation compared with control (OR 0.29, 95% CI 0.18 to 0.49).",
            "VERY_LOW|The evidence is very uncertain about the effect of cell therapy on amputation compared with control (OR 0.29, 95% CI 0.18 to 0.49).",
    })
    void theVerbCarriesTheCertainty(Certainty.Level level, String expected) {
        assertThat(Statements.rated(AMPUTATION, level, or(0.29, 0.18, 0.49, false))).isEqualTo(expected);
    }

    /** A CI that includes no effect is "little to no difference", never "probably increases". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "HIGH|Cell therapy results in little to no difference in amputation compared with control (OR 1.4, 95% CI 0.9 to 2.1).",
            "MODERATE|Cell therapy probably results in little to no difference in amputation compared with control (OR 1.4, 95% CI 0.9 to 2.1).",
            "LOW|Cell therapy may result in little to no difference in amputation compared with control (OR 1.4, 95% CI 0.9 to 2.1).",
    })
    void aConfidenceIntervalIncludingNoEffectIsNeverAnIncrease(Certainty.Level level, String expected) {
        String s = Statements.rated(AMPUTATION, level, or(1.4, 0.9, 2.1, false));
        assertThat(s).isEqualTo(expected).doesNotContain("increase");
    }

    @Test
    void aReversedSignIsReadTheSourcesWay() {
        Statements.Subject hba1c = new Statements.Subject("MSC therapy", "HbA1c", Statements.Comparator.BASELINE);
        // a fall printed as a positive "reduction" of 0.95
        assertThat(Statements.notRated(hba1c, effect("MD", 0.95, 0.33, 1.57, true), "Habiba UE et al. 2024", "risk of bias could not be assessed"))
                .startsWith("Habiba UE et al. 2024 found that HbA1c was lower after MSC therapy than before it (MD 0.95, unit not reported, 95% CI 0.33 to 1.57; "
                        + "the source prints a fall as a positive number). This is a before-after comparison without a control group.");
    }
}
