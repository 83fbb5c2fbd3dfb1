package org.evidencecds.certainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
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

/** Table-driven: each domain rule at and around its thresholds, the not-assessable paths, rated levels, and ICEMAN. */
class AssessorTest {

    private static final EvidencePack DFU = PackLoader.load(Path.of("evidence/dfu-cell-therapy"));
    private static final EvidencePack T2DM = PackLoader.load(Path.of("evidence/t2dm-msc"));
    private static final EvidencePack CREDIBLE = PackLoader.load(Path.of("src/test/resources/packs/valid/credible-subgroup"));
    private static final EvidencePack RATED = PackLoader.load(Path.of("src/test/resources/packs/valid/rated-pack"));

    /** A reported overall finding of a pack with the given numbers (only what the rules read). */
    private static Finding finding(String pack, String outcome, String measure, Double estimate, Double lo, Double hi, Integer k,
                                   Integer n, Double i2, String benefit, String source) {
        return new Finding("t/x/overall", pack, "1.0.0", outcome, "Outcome", measure,
                Finding.Role.OVERALL, null, null, null, null, Finding.Origin.REPORTED, estimate, lo, hi,
                estimate == null ? null : String.valueOf(estimate), lo == null ? null : String.valueOf(lo), hi == null ? null : String.valueOf(hi),
                "points", null, k, n, i2, null, benefit, false, source, "c", "Zhang X et al. 2026", null, "loc", "s", null,
                List.of(), List.of(), null, List.of(), "h");
    }

    private static Finding finding(String measure, Double estimate, Double lo, Double hi, Integer k, Integer n, Double i2, String benefit) {
        return finding("dfu-cell-therapy", "ulcer-healing", measure, estimate, lo, hi, k, n, i2, benefit, "zhang2026");
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
            "OR, 2.0, 1.5, 2.7, NOT_ASSESSABLE", // CI excludes 1, but no control risk to compare with the OIS
            "OR, 1.5, 0.9, 2.5, SERIOUS",        // CI crosses 1 only on the benefit side
            "OR, 1.0, 0.7, 1.4, VERY_SERIOUS",   // CI includes appreciable harm (< 0.75) and benefit (> 1.25)
            "OR, 1.0, 0.76, 1.30, SERIOUS",      // GRADE 6: 0.76 is not below 0.75 (it was rated down twice against 1/1.25 = 0.8)
            "OR, 1.0, 0.81, 1.24, SERIOUS",      // CI crosses 1 within the appreciable band
            "MD, -2.0, -3.0, -1.0, NOT_ASSESSABLE", // no minimal important difference: whether the CI holds only important effects is unknown
            "MD, -2.0, -3.0, 0.5, SERIOUS",
    })
    void imprecisionFromTheConfidenceInterval(String measure, double est, double lo, double hi, Certainty.Judgement expected) {
        Certainty c = new Assessor(DFU).certainty(finding(measure, est, lo, hi, 8, null, 10.0, "higher"));
        assertThat(domain(c, "Imprecision").judgement()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "MD {0} ({1} to {2}), n {3} against a MID of 1 point -> {4}")
    @CsvSource({
            "-1.6, -1.8, -1.4, 800, NO_CONCERN",   // beyond the MID, enough participants
            "-1.6, -1.8, -1.4, 150, SERIOUS",      // beyond the MID, fewer than 200 participants (Pollock)
            "-1.6, -1.8, -1.4, 90, VERY_SERIOUS",  // fewer than 100
            "-1.2, -1.5, -0.8, 800, SERIOUS",      // includes effects smaller than the MID
            "-0.5, -1.2, 0.3, 800, SERIOUS",       // includes no effect and important benefit, not important harm
            "0.0, -1.5, 1.5, 800, VERY_SERIOUS",   // important effects in both directions
    })
    void continuousImprecisionAgainstTheMinimalImportantDifference(double est, double lo, double hi, int n, Certainty.Judgement expected) {
        Certainty c = new Assessor(RATED).certainty(finding("rated-pack", "pain", "MD", est, lo, hi, 10, n, 10.0, "lower", "rev"));
        assertThat(domain(c, "Imprecision").judgement()).isEqualTo(expected);
        assertThat(domain(c, "Imprecision").reason()).contains("minimal important difference of 1.0 points (Synthetic M 2019, Results)");
    }

    @ParameterizedTest(name = "k {0} -> {1}")
    @CsvSource(nullValues = "null", value = {"null, the number of studies is not reported", "9, cannot be tested with 9 studies",
            "10, study-level data are not available", "32, study-level data are not available"})
    void publicationBiasOnlyFromTenStudiesAndStudyData(Integer k, String reason) {
        Certainty c = new Assessor(DFU).certainty(finding("OR", 2.0, 1.5, 2.7, k, null, 10.0, "higher"));
        assertThat(domain(c, "PublicationBias").judgement()).isEqualTo(Certainty.Judgement.NOT_ASSESSABLE);
        assertThat(domain(c, "PublicationBias").reason()).startsWith(reason).endsWith("not rated down, as GRADE does when no test is possible");
    }

    @Test
    void aLevelThatCouldNotBeRatedIsNotGivenAndItsUpperBoundIsKeptApart() {
        // serious inconsistency (I² 60) + serious imprecision (CI crosses 1); risk of bias not assessable
        Certainty c = new Assessor(DFU).certainty(finding("OR", 1.5, 0.9, 2.5, 8, null, 60.0, "higher"));
        assertThat(c.level()).isNull();
        assertThat(c.rated()).isFalse();
        assertThat(c.upperBound()).isEqualTo(Certainty.Level.LOW);
        assertThat(c.notRatedBecause()).isEqualTo("risk of bias could not be assessed");
        assertThat(c.summary()).isEqualTo("Not rated: risk of bias could not be assessed. Known concerns: inconsistency (serious); imprecision (serious)")
                .doesNotContain("high").doesNotContain("at most");
        assertThat(c.statement()).isEqualTo("Zhang X et al. 2026 found no clear difference in complete ulcer healing between cell therapy "
                + "and control (OR 1.5, 95% CI 0.9 to 2.5); the confidence interval includes no effect. The certainty of this evidence "
                + "has not been rated: risk of bias could not be assessed.");
        assertThat(domain(c, "RiskOfBias").reason())
                .isEqualTo("the review's risk-of-bias ratings are not available (Zhang X et al. 2026 could be read only as its abstract)");
    }

    @Test
    void thresholdsCanBeChangedPerPackAndUnknownNamesAreRefused() {
        Thresholds strict = Thresholds.withOverrides(Map.of("inconsistencyI2Serious", 40.0));
        assertThat(strict.inconsistencyI2Serious()).isEqualTo(40.0);
        assertThat(strict.eggerP()).isEqualTo(Thresholds.DEFAULTS.eggerP());
        assertThatThrownBy(() -> Thresholds.withOverrides(Map.of("iSquared", 40.0))).hasMessageContaining("unknown certainty threshold [iSquared]");
    }

    @Test
    void optimalInformationSizeFromFirstPrinciples() {
        // two-proportion z test, control risk 20%, 25% relative reduction (to 15%), alpha 0.05, power 0.8:
        // n per arm = (1.95996 * sqrt(2 * 0.175 * 0.825) + 0.84162 * sqrt(0.2 * 0.8 + 0.15 * 0.85))^2 / 0.05^2 = 905.4 -> 906
        assertThat(new Imprecision(DFU, Thresholds.DEFAULTS).optimalInformationSize(0.20, false)).isEqualTo(1812);
    }

    /** What the shipped DFU findings get, with the reasons: nothing is rated, nothing reads as "high". */
    @Test
    void theDfuPackIsNotRatedAndItsSubgroupClaimsAreOfVeryLowCredibility() {
        Map<String, Assessor.Assessment> all = new Assessor(DFU).assessAll(Findings.of(DFU));
        Certainty healing = all.get("dfu-cell-therapy/ulcer-healing/overall").certainty();
        assertThat(healing.level()).isNull();
        assertThat(healing.upperBound()).isEqualTo(Certainty.Level.HIGH);
        assertThat(healing.start().level()).isEqualTo(Certainty.Level.HIGH);
        assertThat(healing.start().reason()).isEqualTo("Zhang X et al. 2026 pooled randomised trials only (Abstract, Results: "
                + "\"Thirty-two RCTs involving 2059 patients were included\")");
        assertThat(healing.domains()).extracting(Certainty.Domain::judgement).containsExactly(Certainty.Judgement.NOT_ASSESSABLE,
                Certainty.Judgement.NOT_ASSESSABLE, Certainty.Judgement.NO_CONCERN, Certainty.Judgement.NOT_ASSESSABLE,
                Certainty.Judgement.NOT_ASSESSABLE);
        assertThat(domain(healing, "Imprecision").reason()).isEqualTo("the 95% CI 3.11 to 6.90 excludes no effect, but the sample cannot be "
                + "compared with the optimal information size (participants and control-group risk not reported)");
        Credibility area = all.get("dfu-cell-therapy/any-outcome/ulcer-area/ge-10-cm2").credibility();
        assertThat(area.level()).isEqualTo(Credibility.Level.VERY_LOW);
        assertThat(area.items()).extracting(Credibility.Item::response).containsExactly(Credibility.Response.REDUCES,
                Credibility.Response.UNCLEAR, Credibility.Response.UNCLEAR, Credibility.Response.UNCLEAR, Credibility.Response.REDUCES,
                Credibility.Response.UNCLEAR);
        assertThat(area.summary()).startsWith("very low: a comparison across trials (aggregate-data subgroup analysis)")
                .contains("6 effect modifiers reported by Zhang X et al. 2026");
        assertThat(all.get("dfu-cell-therapy/ulcer-healing/cell-type/bm-msc").credibility().level()).isEqualTo(Credibility.Level.VERY_LOW);
        assertThat(all.get("dfu-cell-therapy/ulcer-healing/overall").credibility()).isNull();
        assertThat(all.get("dfu-cell-therapy/any-outcome/ulcer-area/ge-10-cm2").certainty().summary())
                .isEqualTo("Not rated: a direction-only claim (larger benefit) has no estimate or confidence interval to rate");
    }

    /** Surrogate outcomes, pooled populations and other reviews are indirect; a patient-important outcome of the anchor is not. */
    @Test
    void indirectnessIsJudgedWithReasons() {
        Map<String, Assessor.Assessment> dfu = new Assessor(DFU).assessAll(Findings.of(DFU));
        assertThat(domain(dfu.get("dfu-cell-therapy/ulcer-healing/overall").certainty(), "Indirectness").reason())
                .isEqualTo("the outcome (complete ulcer healing) is one patients experience; the review's population is the population "
                        + "of this evidence (people with diabetes and a foot ulcer, with or without critical limb ischaemia)");
        Certainty.Domain abi = domain(dfu.get("dfu-cell-therapy/abi/overall").certainty(), "Indirectness");
        assertThat(abi.judgement()).isEqualTo(Certainty.Judgement.SERIOUS);
        assertThat(abi.reason()).startsWith("ankle-brachial index (ABI) is a surrogate outcome for ulcer healing and amputation (project decision:");

        Map<String, Assessor.Assessment> t2 = new Assessor(T2DM).assessAll(Findings.of(T2DM));
        // HbA1c (surrogate) pooled over type 1 and type 2 diabetes, from another review than the anchor: three concerns, twice down
        Certainty.Domain kashbour = domain(t2.get("t2dm-msc/hba1c-vs-control/follow-up/12-months/kashbour2025-hba1c-12m").certainty(), "Indirectness");
        assertThat(kashbour.judgement()).isEqualTo(Certainty.Judgement.VERY_SERIOUS);
        assertThat(kashbour.reason()).contains("HbA1c is a surrogate outcome",
                "the estimate pools type 1 diabetes and type 2 diabetes, but this evidence is for type 2 diabetes only",
                "the result comes from Kashbour M et al. 2025, another review than Aringazina RA et al. 2025");
        // a review that does not say which diabetes types it pooled: not assessable, with the concerns known so far
        Certainty.Domain pmc = domain(t2.get("t2dm-msc/hba1c-vs-control/overall").certainty(), "Indirectness");
        assertThat(pmc.judgement()).isEqualTo(Certainty.Judgement.NOT_ASSESSABLE);
        assertThat(pmc.knownDowngrade()).isEqualTo(2);
        assertThat(pmc.reason()).contains("which type of diabetes the pool included is not reported");
        // a review of umbilical-cord MSCs only speaks to that product
        assertThat(domain(t2.get("t2dm-msc/hba1c-vs-control/cell-source/umbilical-cord").certainty(), "Indirectness").reason())
                .contains("the review studied only umbilical cord (incl. Wharton's jelly): the estimate applies to that product, not to MSC therapy in general");
    }

    /** The start comes from the finding's own pool: RCT-only reviews start high, before-after comparisons low, unstated designs nowhere. */
    @Test
    void theStartingLevelIsPerFinding() {
        Map<String, Assessor.Assessment> t2 = new Assessor(T2DM).assessAll(Findings.of(T2DM));
        Certainty.Start pmc = t2.get("t2dm-msc/hba1c-vs-control/overall").certainty().start();
        assertThat(pmc.level()).isEqualTo(Certainty.Level.HIGH);
        assertThat(pmc.reason()).startsWith("PMC7951834 2021 pooled randomised trials only (Abstract, Methods and findings: \"Seven RCTs were eligible");
        assertThat(t2.get("t2dm-msc/hba1c-vs-control/follow-up/12-months/kashbour2025-hba1c-12m").certainty().start().level())
                .isEqualTo(Certainty.Level.HIGH);
        assertThat(t2.get("t2dm-msc/hba1c-vs-control/cell-source/umbilical-cord").certainty().start().level()).isEqualTo(Certainty.Level.HIGH);
        // the same RCT-only review's before-after comparison starts low
        Certainty.Start baseline = t2.get("t2dm-msc/hba1c-vs-baseline/overall/pmc7951834-hba1c-vs-baseline").certainty().start();
        assertThat(baseline.level()).isEqualTo(Certainty.Level.LOW);
        assertThat(baseline.reason()).startsWith("a before-after comparison in treated patients without a control group");
        // "11 clinical trials": randomisation not stated, so the start is unknown and the level is not rated
        Certainty zhang = t2.get("t2dm-msc/hba1c-vs-control/follow-up/12-months/zhanghc2025-hba1c-vs-control-12-months").certainty();
        assertThat(zhang.start().level()).isNull();
        assertThat(zhang.upperBound()).isNull();
        assertThat(zhang.notRatedBecause()).startsWith("the starting level is unknown (Zhang HC et al. 2025 does not say whether its trials were randomised");
    }

    /** A pack with study rows, randomised trials at low risk of bias and a MID: the level is rated, and worded as GRADE words it. */
    @Test
    void aFullyRatableFindingGetsALevelAndGradeWording() {
        Map<String, Assessor.Assessment> all = new Assessor(RATED).assessAll(Findings.of(RATED));
        Certainty healing = all.get("rated-pack/healing/overall/recomputed").certainty();
        assertThat(healing.domains()).extracting(Certainty.Domain::judgement).containsOnly(Certainty.Judgement.NO_CONCERN);
        assertThat(healing.level()).isEqualTo(Certainty.Level.HIGH);
        assertThat(healing.rated()).isTrue();
        assertThat(domain(healing, "PublicationBias").reason()).startsWith("Peters' test p = ").endsWith("(10 studies)");
        assertThat(healing.statement()).startsWith("Cell therapy increases complete healing compared with control (OR ");
        assertThat(healing.summary()).startsWith("High certainty; started high (pooled here from 10 randomised trials)");
        Certainty pain = all.get("rated-pack/pain/overall/recomputed").certainty();
        assertThat(domain(pain, "Imprecision").judgement()).isEqualTo(Certainty.Judgement.NO_CONCERN);
        assertThat(pain.level()).isEqualTo(Certainty.Level.HIGH);
        assertThat(pain.statement()).startsWith("Cell therapy reduces pain score compared with control (MD −");
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
        EvidencePack variant = credibleVariant(Map.of("synthetic,0.003,within-trial\nheal-small",
                "synthetic," + (p == null ? "" : p) + ",within-trial\nheal-small"));
        Credibility c = new Assessor(variant).assessAll(Findings.of(variant)).get("credible-subgroup/healing/ulcer-area/ge-10-cm2").credibility();
        assertThat(c.level()).isEqualTo(expected);
    }

    /** ICEMAN: a hypothesis counts only when its direction is the one the finding shows. */
    @Test
    void anAprioriHypothesisInTheOtherDirectionReducesCredibility() throws Exception {
        EvidencePack variant = credibleVariant(Map.of("direction: larger-benefit", "direction: smaller-benefit"));
        Credibility c = new Assessor(variant).assessAll(Findings.of(variant)).get("credible-subgroup/healing/ulcer-area/ge-10-cm2").credibility();
        Credibility.Item apriori = c.items().get(2);
        assertThat(apriori.response()).isEqualTo(Credibility.Response.REDUCES);
        assertThat(apriori.reason()).startsWith("the a priori hypothesis expected smaller benefit, the finding shows larger benefit");
        assertThat(c.level()).isEqualTo(Credibility.Level.LOW);
    }

    /** ICEMAN counts the modifiers one review tested, not every review's together. */
    @Test
    void modifiersAreCountedPerReview() {
        Map<String, Assessor.Assessment> t2 = new Assessor(T2DM).assessAll(Findings.of(T2DM));
        Credibility origin = t2.get("t2dm-msc/any-outcome/cell-origin/autologous").credibility();
        assertThat(origin.items().get(4).response()).isEqualTo(Credibility.Response.SUPPORTS);
        assertThat(origin.items().get(4).reason()).isEqualTo("1 effect modifier reported by Li H et al. 2025 (small: at most 3)");
        // a review restricted to one level (umbilical-cord MSCs only) is not effect modification: no credibility rating
        assertThat(t2.get("t2dm-msc/hba1c-vs-control/cell-source/umbilical-cord").credibility()).isNull();
        assertThat(t2.get("t2dm-msc/any-outcome/cell-source/umbilical-cord/kassem2020-hba1c-wj").credibility()).isNull();
    }

    /** Study-level data: the prediction interval, Peters' test and the optimal information size are used. */
    @Test
    void recomputedFindingsUseThePredictionIntervalPetersAndTheOptimalInformationSize() throws Exception {
        Path dir = Files.createTempDirectory("bcg").resolve("bcg-metan");
        Files.createDirectories(dir);
        for (String name : PackLoader.FILES) {
            String text = Files.readString(Path.of("src/test/resources/packs/reference/bcg-metan").resolve(name));
            if (name.equals(PackLoader.PACK_FILE)) {
                text = text.replace("poolDesigns: [rct, cct]\n", "poolDesigns: [rct, cct]\nrecomputeFindings: true\n");
            }
            if (name.equals(PackLoader.ESTIMATES_FILE)) {
                text = text.substring(0, text.indexOf('\n') + 1); // no published estimate: the overall finding is recomputed
            }
            Files.writeString(dir.resolve(name), text);
        }
        EvidencePack bcg = PackLoader.load(dir);
        List<Finding> findings = Findings.of(bcg);
        assertThat(findings).extracting(Finding::id).containsExactly("bcg-metan/tuberculosis/overall/recomputed");
        Certainty c = new Assessor(bcg).certainty(findings.get(0));
        // metafor: I2 from Q 92.11734685; REML prediction interval -1.867 to 0.438 (log RR) crosses 0
        assertThat(domain(c, "Inconsistency").judgement()).isEqualTo(Certainty.Judgement.VERY_SERIOUS);
        assertThat(domain(c, "Inconsistency").reason()).isEqualTo("I² = 92% and the 95% prediction interval crosses no effect");
        // Peters' test on the 13 trials' 2x2 tables: p = 0.2002917923 (R lm with weights S*F/N and meta::metabias agree)
        assertThat(domain(c, "PublicationBias").judgement()).isEqualTo(Certainty.Judgement.NO_CONCERN);
        assertThat(domain(c, "PublicationBias").reason()).isEqualTo("Peters' test p = 0.2 (13 studies)");
        // 357,347 participants; control risk 0.908%: the optimal information size is far smaller
        assertThat(domain(c, "Imprecision").judgement()).isEqualTo(Certainty.Judgement.NO_CONCERN);
        assertThat(domain(c, "Imprecision").reason()).contains("357347 participants vs an optimal information size of", "control risk 0.9%");
        assertThat(domain(c, "RiskOfBias").reason()).isEqualTo("risk of bias is not reported for 13 of 13 studies");
        // trials with alternate/systematic allocation are pooled: start low; inconsistency -2: at most very low, not rated
        assertThat(c.start().level()).isEqualTo(Certainty.Level.LOW);
        assertThat(c.level()).isNull();
        assertThat(c.upperBound()).isEqualTo(Certainty.Level.VERY_LOW);
        assertThat(c.summary()).isEqualTo("Not rated: risk of bias could not be assessed. Known concerns: inconsistency (very serious)");
    }

    private static EvidencePack credibleVariant(Map<String, String> replacements) throws Exception {
        Path dir = Files.createTempDirectory("credible");
        Path pack = dir.resolve("credible-subgroup");
        Files.createDirectories(pack);
        for (String name : PackLoader.FILES) {
            String text = Files.readString(Path.of("src/test/resources/packs/valid/credible-subgroup").resolve(name));
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                text = text.replace(r.getKey(), r.getValue());
            }
            Files.writeString(pack.resolve(name), text);
        }
        return PackLoader.load(pack);
    }
}
