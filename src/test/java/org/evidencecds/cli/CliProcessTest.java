package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evidencecds.ChildJvm;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.facade.TextReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.KnowledgeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line as users run it: a separate JVM started on {@code org.evidencecds.Main}, which exits
 * with {@code System.exit}. Its output must be the whole report, byte for byte what the facade renders
 * in-process (before the fix, a report written with {@code print} was cut at 16,384 bytes).
 */
class CliProcessTest {

    private static EvidenceFacade facade;

    @BeforeAll
    static void knowledge() {
        facade = new EvidenceFacade(KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")));
    }

    @Test
    void theFootUlcerReportIsPrintedWhole() throws Exception {
        ChildJvm.Run run = main("evaluate", "--ulcer-area-cm2", "12", "--diabetes-years", "6", "--ulcer-days", "250");
        String expected = TextReport.render(facade.evaluate(PatientProfile.of(
                Map.of("ulcerAreaCm2", 12.0, "diabetesDurationYears", 6.0, "ulcerDurationDays", 250.0))));
        assertThat(expected.length()).isGreaterThan(16_384);
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo(expected);
    }

    @Test
    void theType2DiabetesReportIsPrintedWhole() throws Exception {
        // both packs: a patient with type 2 diabetes and a current foot ulcer
        ChildJvm.Run run = main("evaluate", "--diabetes-type", "type-2", "--hba1c-percent", "8.5", "--insulin-units-per-day", "40", "--foot-ulcer", "yes");
        String expected = TextReport.render(facade.evaluate(PatientProfile.of(
                Map.of("diabetesType", "type-2", "hba1cPercent", 8.5, "insulinDoseUnitsPerDay", 40.0, "footUlcer", "yes"))));
        assertThat(expected.length()).isGreaterThan(57_344);
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo(expected);
    }

    @Test
    void jsonIsPrintedWholeAndParses() throws Exception {
        ChildJvm.Run run = main("evaluate", "--json", "--ulcer-area-cm2", "12", "--diabetes-years", "6", "--ulcer-days", "250");
        EvidenceReport report = facade.evaluate(PatientProfile.of(
                Map.of("ulcerAreaCm2", 12.0, "diabetesDurationYears", 6.0, "ulcerDurationDays", 250.0)));
        String expected = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report)
                + System.lineSeparator();
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo(expected);
        assertThat(new ObjectMapper().readTree(run.out()).path("packs")).isNotEmpty();
    }

    private static ChildJvm.Run main(String... args) throws Exception {
        return ChildJvm.main(null, args);
    }
}
