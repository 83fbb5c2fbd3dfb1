package org.evidencecds.certainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.findings.Finding;
import org.evidencecds.findings.Findings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven: each domain rule at and around its thresholds, the not-assessable paths, and ICEMAN. */
class AssessorTest {

    private static final EvidencePack DFU = PackLoader.load(Path.of("evidence/dfu-cell-therapy"));
    private static final EvidencePack CREDIBLE = PackLoader.load(Path.of("src/test/resources/packs/valid/credible-subgroup"));

    /** A reported overall finding of the DFU pack with the given numbers (only what the rules read). */
    private static Finding finding(String measure, Double estimate, Double lo, Double hi, Integer k, Integer n, Double i2, String benefit) {
        return new Finding("t/x/overall", "dfu-cell-therapy", "1.0.0", "ulcer-healing", "Complete ulcer healing", measure,
                Finding.Role.OVERALL, null, null, null, null, Finding.Origin.REPORTED, estimate, lo, hi,
                estimate == null ? null : String.valueOf(estimate), lo == null ? null : String.valueOf(lo), hi == null ? null : String.valueOf(hi),
                null, null, k, n, i2, null, benefit, false, "zhang2026", "c", "Zhang X et al. 2026", null, "loc", "s", "healing-overall",
                List.of(), List.of(), null, List.of(), "h");
    }

    private static Certainty.Domain domain(Certainty c, String code) {
        return c.domains().stream().filter(d -> d.code().equals(code)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "I² {0} -> {1}")
    @CsvSource({"0, NO_CONCERN", "49.9, NO_CONCERN", "50, SERIOUS", "74.9, SERIOUS", "92, SERIOUS"})
    void inconsistencyFromI2WithoutAPredictionInterval(double i2, Certainty.Judgement expected) {
        Certainty c = new Assessor(DFU).certainty(finding("OR", 2.0, 1.5, 2.7, 8, null, i2, "higher"));
        assertThat(domain(c, "Inconsistency").judgement()).isEqualTo(expected);
        assertThat(domain(c, "Inconsistency").reason()).isEqualTo("I² = " + Math.round(i2) + "%");
    }

    @ParameterizedTest(name = "{0} {1} ({2} to {3}) -> {4}")
    @CsvSource({
            "OR, 2.0, 1.5, 2.7, NOT_ASSESSABLE", // CI excludes 1, but no n to compare with the OIS
            "OR, 1.5, 0.9, 2.5, SERIOUS",        // CI crosses 1 only on the benefit side
            "OR, 1.0, 0.7, 1.4, VERY_SERIOUS",   // CI includes appreciable harm (< 0.8) and benefit (> 1.25)
            "OR, 1.0, 0.81, 1.24, SERIOUS",      // CI crosses 1 within the appreciable band
            "MD, -2.0, -3.0, -1.0, NOT_ASSESSABLE",
            "MD, -2.0, -3.0, 0.5, SERIOUS",
    })
    void imprecisionFromTheConfidenceInterval(String measure, double est, double lo, double hi, Certainty.Judgement expected) {
        Certainty c = new Assessor(DFU).certainty(finding(measure, est, lo, hi, 8, null, 10.0, "higher"));
        assertThat(domain(c, "Imprecision").judgement()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "MD with {0} participants -> {1}")
    @CsvSource({"250, NO_CONCERN", "200, NO_CONCERN", "199, SERIOUS", "100, SERIOUS", "99, VERY_SERIOUS"})
    void imprecisionOfContinuousOutcomesFromParticipants(int n, Certainty.Judgement expected) {
        Certainty c = new Assessor(DFU).certainty(finding("MD", -2.0, -3.0, -1.0, 8, n, 10.0, "lower"));
        assertThat(domain(c, "Imprecision").judgement()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "k {0} -> {1}")
    @CsvSource(nullValues = "null", value = {"null, the number of studies is not reported", "9, cannot be assessed with 9 studies",
            "10, study-level data are not available", "32, study-level data are not available"})
    void publicationBiasOnlyFromTenStudiesAndStudyData(Integer k, String reason) {
        Certainty c = new Assessor(DFU).certainty(finding("OR", 2.0, 1.5, 2.7, k, null, 10.0, "higher"));
        assertThat(domain(c, "PublicationBias").judgement()).isEqualTo(Certainty.Judgement.NOT_ASSESSABLE);
        assertThat(domain(c, "PublicationBias").reason()).startsWith(reason);
    }

    @Test
    void overallLevelCountsDowngradesAndSaysWhenItIsOnlyAnUpperBound() {
        // serious inconsistency (I² 60) + serious imprecision (CI crosses 1): high -> low, upper bound (RoB not assessable)
        Certainty c = new Assessor(DFU).certainty(finding("OR", 1.5, 0.9, 2.5, 8, null, 60.0, "higher"));
        assertThat(c.level()).isEqualTo(Certainty.Level.LOW);
        assertThat(c.upperBound()).isTrue();
        assertThat(c.summary()).isEqualTo("not fully rated, low at most (start high: randomised trials, rated down 2; not assessable: risk of bias, publication bias)");
        assertThat(c.statement()).startsWith("The review found that cell therapy made no clear difference to complete ulcer healing (OR 1.5, 95% CI 0.9 to 2.5; the confidence interval includes no effect)");
        assertThat(domain(c, "RiskOfBias").reason()).isEqualTo("the review's risk-of-bias ratings are not available (the review could be read as abstract only)");
    }

    @Test
    void thresholdsCanBeChangedPerPackAndUnknownNamesAreRefused() {
        Thresholds strict = Thresholds.withOverrides(Map.of("inconsistencyI2Serious", 40.0));
        assertThat(strict.inconsistencyI2Serious()).isEqualTo(40.0);
        assertThat(strict.eggerP()).isEqualTo(Thresholds.DEFAULTS.eggerP());
        assertThatThrownBy(() -> Thresholds.withOverrides(Map.of("iSquared", 40.0))).hasMessageContaining("unknown certainty threshold(s) [iSquared]");
    }

    @Test
    void optimalInformationSizeFromFirstPrinciples() {
        // two-proportion z test, control risk 20%, 25% relative reduction (to 15%), alpha 0.05, power 0.8:
        // n per arm = (1.95996 * sqrt(2 * 0.175 * 0.825) + 0.84162 * sqrt(0.2 * 0.8 + 0.15 * 0.85))^2 / 0.05^2 = 905.4 -> 906
        assertThat(new Assessor(DFU).optimalInformationSize(0.20, false)).isEqualTo(1812);
    }

    /** What the shipped DFU findings get today, with the reasons. */
    @Test
    void theDfuPackTodayIsNotFullyRatableAndItsSubgroupClaimsAreOfVeryLowCredibility() {
        Map<String, Assessor.Assessment> all = new Assessor(DFU).assessAll(Findings.of(DFU));
        Certainty healing = all.get("dfu-cell-therapy/ulcer-healing/overall").certainty();
        assertThat(healing.level()).isEqualTo(Certainty.Level.HIGH);
        assertThat(healing.upperBound()).isTrue();
        assertThat(healing.domains()).extracting(Certainty.Domain::judgement).containsExactly(Certainty.Judgement.NOT_ASSESSABLE,
                Certainty.Judgement.NOT_ASSESSABLE, Certainty.Judgement.NO_CONCERN, Certainty.Judgement.NOT_ASSESSABLE,
                Certainty.Judgement.NOT_ASSESSABLE);
        assertThat(domain(healing, "Imprecision").reason()).isEqualTo("the 95% CI 3.11 to 6.9 excludes no effect, but the sample cannot be "
                + "compared with the optimal information size (participants and control risk not reported)");
        Credibility area = all.get("dfu-cell-therapy/any-outcome/ulcer-area/ge-10-cm2").credibility();
        assertThat(area.level()).isEqualTo(Credibility.Level.VERY_LOW);
        assertThat(area.items()).extracting(Credibility.Item::response).containsExactly(Credibility.Response.REDUCES,
                Credibility.Response.UNCLEAR, Credibility.Response.UNCLEAR, Credibility.Response.UNCLEAR, Credibility.Response.REDUCES,
                Credibility.Response.UNCLEAR);
        assertThat(area.summary()).startsWith("very low: a comparison across trials (aggregate-data subgroup analysis)")
                .contains("6 effect modifiers reported by the review");
        assertThat(all.get("dfu-cell-therapy/ulcer-healing/cell-type/bm-msc").credibility().level()).isEqualTo(Credibility.Level.VERY_LOW);
        assertThat(all.get("dfu-cell-therapy/ulcer-healing/overall").credibility()).isNull();
        assertThat(all.get("dfu-cell-therapy/any-outcome/ulcer-area/ge-10-cm2").certainty().summary()).isEqualTo("not rated (direction-only claim)");
    }

    @Test
    void aCredibleSubgroupAndItsNearMisses() {
        Map<String, Assessor.Assessment> all = new Assessor(CREDIBLE).assessAll(Findings.of(CREDIBLE));
        Credibility large = all.get("credible-subgroup/healing/ulcer-area/ge-10-cm2").credibility();
        assertThat(large.level()).isEqualTo(Credibility.Level.HIGH);
        assertThat(large.items()).extracting(Credibility.Item::response).containsOnly(Credibility.Response.SUPPORTS);
        Credibility small = all.get("credible-subgroup/healing/ulcer-area/lt-10-cm2").credibility();
        assertThat(small.level()).isEqualTo(Credibility.Level.LOW);
        assertThat(small.summary()).contains("no a priori hypothesis with a direction is documented", "not justified in advance");
    }

    @ParameterizedTest(name = "p {0} -> {1}")
    @CsvSource(nullValues = "null", value = {"0.003, HIGH", "0.02, MODERATE", "0.2, LOW", "null, LOW"})
    void theTestForSubgroupDifferencesCapsCredibility(String p, Credibility.Level expected) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("credible");
        Path pack = dir.resolve("credible-subgroup");
        java.nio.file.Files.createDirectories(pack);
        for (String name : PackLoader.FILES) {
            String text = java.nio.file.Files.readString(Path.of("src/test/resources/packs/valid/credible-subgroup").resolve(name));
            if (name.equals(PackLoader.ESTIMATES_FILE)) {
                text = text.replace("synthetic,0.003,within-trial\nheal-small", "synthetic," + (p == null ? "" : p) + ",within-trial\nheal-small");
            }
            java.nio.file.Files.writeString(pack.resolve(name), text);
        }
        EvidencePack variant = PackLoader.load(pack);
        Credibility c = new Assessor(variant).assessAll(Findings.of(variant)).get("credible-subgroup/healing/ulcer-area/ge-10-cm2").credibility();
        assertThat(c.level()).isEqualTo(expected);
    }

    /** Study-level data: the prediction interval, Egger's test and the optimal information size are used. */
    @Test
    void recomputedFindingsUseThePredictionIntervalEggerAndTheOptimalInformationSize() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("bcg").resolve("bcg-metan");
        java.nio.file.Files.createDirectories(dir);
        for (String name : PackLoader.FILES) {
            String text = java.nio.file.Files.readString(Path.of("src/test/resources/packs/reference/bcg-metan").resolve(name));
            if (name.equals(PackLoader.PACK_FILE)) {
                text = text.replace("poolDesigns: [rct, cct]\n", "poolDesigns: [rct, cct]\nrecomputeFindings: true\n");
            }
            if (name.equals(PackLoader.ESTIMATES_FILE)) {
                text = text.substring(0, text.indexOf('\n') + 1); // no published estimate: the overall finding is recomputed
            }
            java.nio.file.Files.writeString(dir.resolve(name), text);
        }
        EvidencePack bcg = PackLoader.load(dir);
        List<Finding> findings = Findings.of(bcg);
        assertThat(findings).extracting(Finding::id).containsExactly("bcg-metan/tuberculosis/overall/recomputed");
        Certainty c = new Assessor(bcg).certainty(findings.get(0));
        // metafor: I2 from Q 92.11734685; REML prediction interval -1.867 to 0.438 (log RR) crosses 0
        assertThat(domain(c, "Inconsistency").judgement()).isEqualTo(Certainty.Judgement.VERY_SERIOUS);
        assertThat(domain(c, "Inconsistency").reason()).isEqualTo("I² = 92% and the 95% prediction interval crosses no effect");
        // metafor regtest(model = "lm") on log RR: p = 0.1887069951 (>= 0.1)
        assertThat(domain(c, "PublicationBias").judgement()).isEqualTo(Certainty.Judgement.NO_CONCERN);
        assertThat(domain(c, "PublicationBias").reason()).isEqualTo("Egger's test p = 0.189 (13 studies)");
        // 357,347 participants; control risk 0.908%: the optimal information size is far smaller
        assertThat(domain(c, "Imprecision").judgement()).isEqualTo(Certainty.Judgement.NO_CONCERN);
        assertThat(domain(c, "Imprecision").reason()).contains("357347 participants vs an optimal information size of", "control risk 0.9%");
        assertThat(domain(c, "RiskOfBias").reason()).isEqualTo("risk of bias is not reported for 13 of 13 studies");
        // trials with alternate/systematic allocation are pooled: start low, rated down 2, floor very low
        assertThat(c.level()).isEqualTo(Certainty.Level.VERY_LOW);
        assertThat(c.summary()).startsWith("not fully rated, very low at most (start low: not only randomised trials, rated down 2");
    }
}
