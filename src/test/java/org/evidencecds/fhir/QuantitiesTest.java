package org.evidencecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit conversion: UCUM for changes of unit, named conversions for changes of scale, nothing taken as is. */
class QuantitiesTest {

    private static final String UCUM = "http://unitsofmeasure.org";
    private static final List<ReadingRules.Conversion> HBA1C = ReadingRules.standard().fields().get("hba1cPercent").observation().conversions();

    @Test
    void squareMillimetresBecomeSquareCentimetres() throws Exception {
        assertThat(Quantities.convert(new BigDecimal("500"), UCUM, "mm2", "mm2", "cm2", List.of()).value()).isEqualTo(5.0);
        assertThat(Quantities.convert(new BigDecimal("12.5"), UCUM, "cm2", "cm2", "cm2", List.of()).value()).isEqualTo(12.5);
        // only the readable unit, no UCUM coding, as some EHRs send it
        assertThat(Quantities.convert(new BigDecimal("0.0009"), null, null, "m2", "cm2", List.of()).value()).isCloseTo(9.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void hba1cInIfccUnitsIsConvertedByTheMasterEquationNotByUcum() throws Exception {
        // NGSP % = 0.0915 x IFCC mmol/mol + 2.15 (IFCC master equation): 68 -> 8.372; 48 -> 6.542 (the 6.5 % diagnostic threshold)
        assertThat(Quantities.convert(new BigDecimal("68"), UCUM, "mmol/mol", "mmol/mol", "%", HBA1C).value()).isCloseTo(8.372, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Quantities.convert(new BigDecimal("48"), UCUM, "mmol/mol", "mmol/mol", "%", HBA1C).value()).isCloseTo(6.542, org.assertj.core.data.Offset.offset(1e-9));
        // UCUM alone would call 68 mmol/mol 6.8 %: a ratio, but on another calibration scale
        assertThat(Quantities.convert(new BigDecimal("68"), UCUM, "mmol/mol", "mmol/mol", "%", List.of()).value()).isCloseTo(6.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aUnitThatCannotBeConvertedIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Quantities.convert(new BigDecimal("68"), UCUM, "xyz", "xyz", "%", HBA1C))
                .hasMessage("unit 'xyz' is not a UCUM unit");
        assertThatThrownBy(() -> Quantities.convert(new BigDecimal("5"), UCUM, "mg", "mg", "cm2", List.of()))
                .hasMessage("unit 'mg' cannot be converted to cm2");
        assertThatThrownBy(() -> Quantities.convert(new BigDecimal("5"), null, null, null, "cm2", List.of())).hasMessage("no unit");
    }
}
