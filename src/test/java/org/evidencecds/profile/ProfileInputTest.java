package org.evidencecds.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values as the user sent them: plain decimals only, and a refusal never quotes more than a short prefix. */
class ProfileInputTest {

    @Test
    void aTenMegabyteValueIsQuotedByItsFirst40Characters() {
        String big = "x".repeat(10 * 1024 * 1024);
        PatientProfile.InvalidProfileException e = catchThrowableOfType(PatientProfile.InvalidProfileException.class,
                () -> PatientProfile.of(Map.of("diabetesType", big, "ulcerAreaCm2", big, big, 1)));
        assertThat(e.getMessage().length()).isLessThan(1_000);
        assertThat(e.errors()).extracting(PatientProfile.FieldError::toString).containsExactlyInAnyOrder(
                "diabetesType: must be one of type-1, type-2, other, got \"" + "x".repeat(40) + "…\" (10485760 characters)",
                "ulcerAreaCm2: not a number: \"" + "x".repeat(40) + "…\" (10485760 characters)",
                "x".repeat(40) + "… (10485760 characters): unknown field (known: " + String.join(", ",
                        ProfileSchema.FIELDS.stream().map(ProfileField::name).toList()) + ")");
    }

    @Test
    void quotesAreOneLineAndDoNotSplitACharacter() {
        assertThat(Quote.of("a\nb")).isEqualTo("\"a?b\"");
        assertThat(Quote.of("x".repeat(40))).isEqualTo("\"" + "x".repeat(40) + "\"");
        String emoji = "x".repeat(39) + "😀" + "y";
        assertThat(Quote.cut(emoji)).isEqualTo("x".repeat(39) + "…");
    }

    @Test
    void numbersAsTextArePlainDecimals() {
        assertThat(PatientProfile.decimal("12")).isEqualTo(12.0);
        assertThat(PatientProfile.decimal(" -1.5e2 ")).isEqualTo(-150.0);
        for (String bad : new String[] {"0x1p3", "12d", "12F", "NaN", "-Infinity", "+1", ".5", "1.", "1e", "1 2", "١٢"}) {
            assertThat(PatientProfile.decimal(bad)).as(bad).isNull();
        }
    }
}
