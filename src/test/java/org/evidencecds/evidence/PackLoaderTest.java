package org.evidencecds.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.evidencecds.evidence.Vocabulary.Basis;
import org.evidencecds.evidence.Vocabulary.Design;
import org.evidencecds.evidence.Vocabulary.Direction;
import org.evidencecds.evidence.Vocabulary.EffectMeasure;
import org.evidencecds.evidence.Vocabulary.EstimateKind;
import org.evidencecds.evidence.Vocabulary.OutcomeType;
import org.evidencecds.evidence.Vocabulary.RowHolds;
import org.evidencecds.evidence.Vocabulary.Statistic;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PackLoaderTest {

    private static final Path PACKS = Path.of("src/test/resources/packs");
    private static final Path MINI = PACKS.resolve("valid/mini-pack");

    static Stream<String> brokenPacks() throws IOException {
        try (Stream<Path> dirs = Files.list(PACKS.resolve("broken"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** Each broken pack is refused as a whole, with exactly the problems listed beside it, all at once. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPacks")
    void brokenPackIsRefusedWithEveryProblem(String name) throws IOException {
        Path root = PACKS.resolve("broken").resolve(name);
        List<String> expected = Files.readAllLines(root.resolve("expected-problems.txt")).stream()
                .filter(l -> !l.isBlank()).toList();
        PackValidationException e = catchThrowableOfType(() -> PackLoader.load(root.resolve(name)), PackValidationException.class);
        assertThat(e).as("pack %s must be refused", name).isNotNull();
        assertThat(e.problems()).extracting(Problem::toString).containsExactlyElementsOf(expected);
        assertThat(expected).isNotEmpty();
    }

    @Test
    void theCorpusCoversEveryKindOfProblemTheIssueNames() throws IOException {
        String all;
        try (Stream<Path> files = Files.walk(PACKS.resolve("broken"))) {
            all = String.join("\n", files.filter(p -> p.getFileName().toString().equals("expected-problems.txt"))
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException ex) {
                            throw new IllegalStateException(ex);
                        }
                    }).toList());
        }
        assertThat(all).contains("events (24) exceed total_t (20)", "a standard deviation must be > 0, found 0.0",
                "unknown study", "unknown source key", "duplicate id", "is not a level of dimension",
                "is outside every band", "bands overlap", "gap between bands", "gap at 10", "not a number: \"4,64\"",
                "missing required column(s)", "unit mismatch", "malformed YAML", "required file is missing",
                "must equal the folder name", "must lie within its confidence interval", "row_holds is b");
    }

    @Test
    void manyProblemsAcrossFilesAreAllReportedAtOnce() {
        PackValidationException e = catchThrowableOfType(
                () -> PackLoader.load(PACKS.resolve("broken/many-problems/many-problems")), PackValidationException.class);
        assertThat(e.problems()).extracting(Problem::file).map(f -> f.substring(f.indexOf('/') + 1))
                .contains("pack.yaml", "dimensions.yaml", "studies.csv", "study_outcomes.csv", "reported_estimates.csv", "conflicts.csv");
        assertThat(e.problems().size()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void validPackLoadsWithTypedValuesAndNullsForEmptyCells() {
        EvidencePack pack = PackLoader.load(MINI);
        assertThat(pack.id()).isEqualTo("mini-pack");
        assertThat(pack.info().version()).isEqualTo("0.1.0");
        assertThat(pack.source("rev")).get().extracting(Source::link).isEqualTo("https://doi.org/10.1000/synthetic.1");
        assertThat(pack.source("trial-a")).get().extracting(Source::link).isEqualTo("https://example.org/a");
        assertThat(pack.outcome("healing")).get().satisfies(o -> {
            assertThat(o.type()).isEqualTo(OutcomeType.BINARY);
            assertThat(o.measure()).isEqualTo(EffectMeasure.OR);
            assertThat(o.unit()).isNull();
        });
        Study a = pack.study("A2015").orElseThrow();
        assertThat(a.design()).isEqualTo(Design.RCT);
        assertThat(a.nT()).isEqualTo(20);
        assertThat(a.doseCellsLow()).isEqualTo(1e7);
        assertThat(a.cellType()).isNull();
        assertThat(a.cell("ulcer_area_cm2")).isEqualTo("4.5");
        assertThat(a.origin().toString()).isEqualTo("mini-pack/studies.csv:2");
        Study b = pack.study("B2018").orElseThrow();
        assertThat(b.sources()).containsExactly("trial-a", "rev");
        assertThat(b.followupWeeks()).isNull();
        assertThat(b.label()).isEqualTo("Beta 2018");

        StudyOutcome bHeal = pack.studyOutcomes().stream().filter(o -> o.id().equals("B-heal")).findFirst().orElseThrow();
        assertThat(bHeal.statistic()).isEqualTo(Statistic.MEAN);
        assertThat(bHeal.eventsC()).isNull();
        assertThat(bHeal.isComplete(OutcomeType.BINARY)).isFalse();
        assertThat(bHeal.incompleteness(OutcomeType.BINARY)).isEqualTo("not reported: events_c");
        assertThat(pack.completeRows("healing")).extracting(StudyOutcome::id).containsExactly("A-heal");
        assertThat(pack.completeRows("healing-time")).extracting(StudyOutcome::id).containsExactly("A-time");
        assertThat(pack.rowsFor("healing-time")).hasSize(2);

        ReportedEstimate all = pack.reportedEstimates().get(0);
        assertThat(all.kind()).isEqualTo(EstimateKind.NUMERIC);
        assertThat(all.estimate()).isEqualTo(4.64);
        assertThat(all.ciHighText()).isEqualTo("6.90");
        assertThat(all.isOverall()).isTrue();
        ReportedEstimate auto = pack.reportedEstimates().get(1);
        assertThat(auto.ciLow()).isNull();
        assertThat(auto.pValue()).isEqualTo("<0.01");
        assertThat(auto.status()).isEqualTo(VerificationStatus.VERIFIED);
        ReportedEstimate area = pack.reportedEstimates().get(2);
        assertThat(area.kind()).isEqualTo(EstimateKind.DIRECTION_ONLY);
        assertThat(area.outcome()).isNull();
        assertThat(area.direction()).isEqualTo(Direction.LARGER_BENEFIT);

        assertThat(pack.conflictsAbout("study:A2015")).singleElement()
                .satisfies(c -> assertThat(c.rowHolds()).isEqualTo(RowHolds.A));
    }

    @Test
    void numericBandsContainTheirBoundariesAsDeclared() {
        Dimension area = PackLoader.load(MINI).dimension("ulcer-area").orElseThrow();
        assertThat(area.levelContaining(9.999)).get().extracting(Level::id).isEqualTo("lt-10-cm2");
        assertThat(area.levelContaining(10)).get().extracting(Level::id).isEqualTo("ge-10-cm2");
        assertThat(area.levelContaining(0)).get().extracting(Level::id).isEqualTo("lt-10-cm2");
        assertThat(area.levelContaining(-0.1)).isEmpty();
        assertThat(area.levelContaining(Double.NaN)).isEmpty();
        assertThat(area.levelContaining(1e9)).get().extracting(Level::id).isEqualTo("ge-10-cm2");
        assertThat(area.level("ge-10-cm2").orElseThrow().basis()).isEqualTo(Basis.SOURCE);
        assertThat(area.level("ge-10-cm2").orElseThrow().interval()).hasToString("[10, ∞)");
        assertThat(area.level("lt-10-cm2").orElseThrow().interval()).hasToString("[0, 10)");
    }

    @Test
    void contentHashIsStableAndSensitiveToEveryByteButNotToLineEndings(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("mini-pack");
        copyPack(MINI, copy);
        String original = PackLoader.contentHash(MINI);
        assertThat(PackLoader.contentHash(copy)).isEqualTo(original).startsWith("sha256:");
        Path studies = copy.resolve("studies.csv");
        Files.writeString(studies, Files.readString(studies).replace("\n", "\r\n"));
        assertThat(PackLoader.contentHash(copy)).isEqualTo(original);
        Files.writeString(studies, Files.readString(studies).replace("Alpha", "Alphb"));
        assertThat(PackLoader.contentHash(copy)).isNotEqualTo(original);
        assertThat(PackLoader.load(MINI).contentHash()).isEqualTo(original);
    }

    @Test
    void loadAllReadsEveryPackSortedAndRefusesTogether(@TempDir Path tmp) throws IOException {
        List<EvidencePack> packs = PackLoader.loadAll(PACKS.resolve("reference"));
        assertThat(packs).extracting(EvidencePack::id).containsExactly("bcg-metan");
        copyPack(MINI, tmp.resolve("mini-pack"));
        copyPack(PACKS.resolve("broken/sd-not-positive/sd-not-positive"), tmp.resolve("sd-not-positive"));
        assertThatThrownBy(() -> PackLoader.loadAll(tmp)).isInstanceOf(PackValidationException.class)
                .hasMessageContaining("sd-not-positive/study_outcomes.csv:4:83: sd_t");
    }

    @Test
    void theShippedEvidenceLoads() {
        List<EvidencePack> packs = PackLoader.loadAll(Path.of("evidence"));
        assertThat(packs).extracting(EvidencePack::id).contains("dfu-cell-therapy");
    }

    private static void copyPack(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String name : PackLoader.FILES) {
            Files.copy(from.resolve(name), to.resolve(name));
        }
    }
}
