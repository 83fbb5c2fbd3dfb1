package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers on the command line are plain decimals, as in the API: no hexadecimal, no type suffix, no NaN. */
class ProfileOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "12d", "8f", "NaN", "Infinity", "+8", ".5"})
    void aNumberThatIsNotAPlainDecimalIsRefusedNamingTheField(String value) {
        CliRunner run = CliRunner.run("evaluate", "--ulcer-area-cm2", value);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("Ulcer area (--ulcer-area-cm2): not a number: \"" + value + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "8.0", "0.8e1", " 8 "})
    void aPlainDecimalIsANumber(String value) {
        CliRunner run = CliRunner.run("evaluate", "--ulcer-area-cm2", value, "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("\"ulcerAreaCm2\" : 8.0");
    }
}
