package org.evidencecds.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.evidencecds.evidence.PackValidationException;
import org.evidencecds.evidence.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Protocol files are validated whole; every problem is reported as file:line:column: field: reason. */
class ProtocolLoaderTest {

    static final String HEAD = """
            id: T-1
            version: 1.0.0
            title: test
            registry: none
            registryId: T-1
            status: transcribed
            verification: secondary
            sources:
              - {key: reg, url: https://example.org/T-1, locator: eligibility}
            criteria:
            """;

    @TempDir
    Path dir;

    private Path write(String criteria) throws IOException {
        Path trials = Files.createDirectories(dir.resolve("trials"));
        Path f = trials.resolve("T-1.yaml");
        Files.writeString(f, HEAD + criteria);
        return f;
    }

    @Test
    void theShippedProtocolsLoad() {
        List<TrialProtocol> ps = ProtocolLoader.loadAll(Path.of("evidence"), Set.of("dfu-cell-therapy"));
        assertThat(ps).extracting(TrialProtocol::id).containsExactly("NCT04569409", "NCT06003530");
        TrialProtocol p = ps.get(1);
        assertThat(p.status()).isEqualTo("transcribed");
        assertThat(p.criterion("ulcer-area").orElseThrow().anyOf().get(0).min()).isEqualTo(0.5);
        assertThat(p.criterion("ulcer-area").orElseThrow().anyOf().get(0).max()).isEqualTo(13.0);
        assertThat(p.criterion("hba1c").orElseThrow().kind()).isEqualTo(TrialProtocol.Kind.EXCLUSION);
        assertThat(p.sources()).allSatisfy(s -> assertThat(s.url()).startsWith("https://"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown field       | '  - {id: a, kind: inclusion, text: t, source: reg, when: {field: weightKg, min: 1}}' | 11:66 | criteria[].when.field | unknown profile field 'weightKg'",
            "bounds crossed      | '  - {id: a, kind: inclusion, text: t, source: reg, when: {field: ageYears, min: 80, max: 18}}' | 11:58 | criteria[].when | no value can meet it: lower bound 80 is not below upper bound 18",
            "empty open interval | '  - {id: a, kind: inclusion, text: t, source: reg, when: {field: abi, above: 1, below: 1}}' | 11:58 | criteria[].when | no value can meet it",
            "outside the field   | '  - {id: a, kind: inclusion, text: t, source: reg, when: {field: hba1cPercent, max: 40}}' | 11:85 | criteria[].when.max | outside what 'hba1cPercent' can be (3 to 25 %)",
            "unknown source      | '  - {id: a, kind: inclusion, text: t, source: paper, when: {field: abi, min: 1}}' | 11:47 | criteria[].source | unknown source 'paper'",
            "categorical bounds  | '  - {id: a, kind: inclusion, text: t, source: reg, when: {field: diabetesType, min: 1}}' | 11:58 | criteria[].when | 'diabetesType' is categorical",
            "bad category        | '  - {id: a, kind: inclusion, text: t, source: reg, when: {field: diabetesType, in: [type-3]}}' | 11:85 | criteria[].when.in | must be one of type-1, type-2, other, got 'type-3'",
            "numeric with in     | '  - {id: a, kind: inclusion, text: t, source: reg, when: {field: abi, in: [low]}}' | 11:76 | criteria[].when.in | 'abi' is numeric",
            "both when and anyOf | '  - {id: a, kind: inclusion, text: t, source: reg, when: {field: abi}, anyOf: [{field: abi}, {field: ageYears}]}' | 11:5 | criteria[] | needs exactly one of 'when'",
            "bad kind            | '  - {id: a, kind: maybe, text: t, source: reg, when: {field: abi}}' | 11:19 | kind | must be one of exclusion, inclusion, got 'maybe'",
            "unknown key         | '  - {id: a, kind: inclusion, text: t, source: reg, when: {field: abi}, weight: 2}' | 11:72 | criteria[].weight | unknown key",
            "not a number        | '  - {id: a, kind: inclusion, text: t, source: reg, when: {field: abi, min: low}}' | 11:76 | criteria[].when.min | not a number: 'low'",
            "missing text        | '  - {id: a, kind: inclusion, source: reg, when: {field: abi}}' | 11:5 | text | required",
            "single anyOf        | '  - {id: a, kind: inclusion, text: t, source: reg, anyOf: [{field: abi}]}' | 11:59 | criteria[].anyOf | needs at least two conditions",
    })
    void aBrokenCriterionIsRefusedWithItsPlace(String name, String criterion, String at, String field, String reason) throws IOException {
        Path f = write(criterion + "\n");
        assertThatThrownBy(() -> ProtocolLoader.load(f, Set.of("dfu-cell-therapy")))
                .isInstanceOfSatisfying(PackValidationException.class, e -> {
                    Problem p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo(f.toString());
                    assertThat(p.line() + ":" + p.column()).isEqualTo(at);
                    assertThat(p.field()).isEqualTo(field);
                    assertThat(p.reason()).startsWith(reason);
                });
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() throws IOException {
        Path f = write("""
                  - {id: a, kind: inclusion, text: t, source: reg, when: {field: abi, min: 2, max: 1}}
                  - {id: a, kind: exclusion, text: t, source: reg, when: {field: nope}}
                """);
        assertThatThrownBy(() -> ProtocolLoader.load(f, Set.of()))
                .isInstanceOfSatisfying(PackValidationException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactlyInAnyOrder(
                                f + ":11:58: criteria[].when: no value can meet it: lower bound 2 is not below upper bound 1",
                                f + ":12:66: criteria[].when.field: unknown profile field 'nope' (known: ulcerAreaCm2, diabetesDurationYears, "
                                        + "ulcerDurationDays, ageYears, abi, tcpo2MmHg, hba1cPercent, insulinDoseUnitsPerDay, footUlcer, diabetesType, wagnerGrade, fastingCPeptideNmolL)",
                                f + ":12:10: criteria[].id: duplicate criterion id 'a'"));
    }

    @Test
    void theIdMustBeTheFileNameAndTheEvidencePackMustExist() throws IOException {
        Path f = write("  - {id: a, kind: inclusion, text: t, source: reg, when: {field: abi}}\n");
        Files.writeString(f, Files.readString(f).replace("id: T-1\n", "id: T-2\nevidencePack: nowhere\n"));
        assertThatThrownBy(() -> ProtocolLoader.load(f, Set.of("dfu-cell-therapy")))
                .isInstanceOfSatisfying(PackValidationException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactly(f + ":1:5: id: must equal the file name 'T-1', got 'T-2'",
                                f + ":2:15: evidencePack: no evidence pack 'nowhere' (known: dfu-cell-therapy)"));
    }

    @Test
    void malformedYamlIsLocated() throws IOException {
        Path f = write("  - {id: a, kind: inclusion\n");
        assertThatThrownBy(() -> ProtocolLoader.load(f, Set.of()))
                .isInstanceOfSatisfying(PackValidationException.class, e -> {
                    assertThat(e.problems().get(0).field()).isEqualTo("yaml");
                    assertThat(e.problems().get(0).line()).isGreaterThanOrEqualTo(11);
                });
    }
}
