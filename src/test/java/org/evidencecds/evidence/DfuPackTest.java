package org.evidencecds.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.evidencecds.evidence.Vocabulary.EstimateKind;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped DFU pack: its review-level numbers are the abstract's, word for word. */
class DfuPackTest {

    private static final Path PACK = Path.of("evidence/dfu-cell-therapy");
    private static EvidencePack pack;
    private static String abstractText;

    @BeforeAll
    static void load() throws IOException {
        pack = PackLoader.load(PACK);
        abstractText = Files.readString(PACK.resolve("sources/zhang2026-abstract.md"));
    }

    @Test
    void everyVerifiedSnippetAndItsNumbersAreInTheAbstract() {
        SoftAssertions softly = new SoftAssertions();
        List<ReportedEstimate> verified = pack.reportedEstimates().stream()
                .filter(e -> e.status() == VerificationStatus.VERIFIED).toList();
        assertThat(verified).hasSize(16);
        for (ReportedEstimate e : verified) {
            assertThat(e.sources()).containsExactly("zhang2026");
            softly.assertThat(abstractText).as(e.id() + " snippet").contains(e.snippet());
            for (String number : new String[] {e.estimateText(), e.ciLowText(), e.ciHighText()}) {
                if (number != null) {
                    softly.assertThat(e.snippet()).as(e.id() + " number " + number).contains(number);
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void theHeadlineNumbersOfTheSeedPaper() {
        ReportedEstimate healing = estimate("healing-overall");
        assertThat(List.of(healing.estimate(), healing.ciLow(), healing.ciHigh())).containsExactly(4.64, 3.11, 6.90);
        ReportedEstimate amputation = estimate("amputation-overall");
        assertThat(List.of(amputation.estimate(), amputation.ciLow(), amputation.ciHigh())).containsExactly(0.29, 0.18, 0.49);
        ReportedEstimate bmMsc = estimate("healing-bm-msc");
        assertThat(bmMsc.estimate()).isEqualTo(8.33);
        assertThat(bmMsc.ciLow()).as("no CI is published").isNull();
        assertThat(bmMsc.pValue()).isEqualTo("<0.01");
        assertThat(pack.reportedEstimates().stream().filter(e -> e.kind() == EstimateKind.DIRECTION_ONLY)).hasSize(8);
    }

    @Test
    void patientCutOffsAreTheAbstractsAndBoundariesFallAsItSays() {
        Map<String, Double> boundaries = Map.of("ulcer-area", 10.0, "diabetes-duration", 10.0, "ulcer-duration", 200.0);
        assertThat(pack.dimension("ulcer-area").orElseThrow().levelContaining(10.0)).get().extracting(Level::id).isEqualTo("ge-10-cm2");
        assertThat(pack.dimension("diabetes-duration").orElseThrow().levelContaining(10.0)).get().extracting(Level::id).isEqualTo("ge-10-years");
        assertThat(pack.dimension("diabetes-duration").orElseThrow().levelContaining(9.99)).get().extracting(Level::id).isEqualTo("lt-10-years");
        assertThat(pack.dimension("ulcer-duration").orElseThrow().levelContaining(200.0)).get().extracting(Level::id).isEqualTo("le-200-days");
        assertThat(pack.dimension("ulcer-duration").orElseThrow().levelContaining(200.5)).get().extracting(Level::id).isEqualTo("gt-200-days");
        boundaries.keySet().forEach(d -> assertThat(pack.dimension(d).orElseThrow().levels())
                .filteredOn(l -> l.basis() == Vocabulary.Basis.SOURCE).singleElement()
                .satisfies(l -> assertThat(abstractText).contains(l.snippet())));
    }

    @Test
    void theDoseLowerBoundConflictIsRecordedNotResolved() {
        assertThat(pack.conflictsAbout("level:dose-band/medium-to-high")).singleElement().satisfies(c -> {
            assertThat(c.valueA()).isEqualTo("1e7");
            assertThat(c.valueB()).isEqualTo("1e8");
            assertThat(List.of(c.sourceA(), c.sourceB())).containsExactly("zhang2026", "e156-s3");
        });
        assertThat(pack.dimension("dose-band").orElseThrow().level("medium-to-high").orElseThrow().interval().lower()).isEqualTo(1e7);
    }

    @Test
    void rowsWithConflictsSayTheyHaveOne() {
        for (Conflict c : pack.conflicts()) {
            if (c.subject().startsWith("study:")) {
                Study s = pack.study(c.subject().substring(6)).orElseThrow();
                assertThat(s.status()).as(s.id()).isEqualTo(VerificationStatus.CONFLICT);
            }
        }
    }

    private static ReportedEstimate estimate(String id) {
        return pack.reportedEstimates().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }
}
