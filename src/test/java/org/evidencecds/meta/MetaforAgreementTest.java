package org.evidencecds.meta;

import static org.evidencecds.meta.MetaforReference.assertFit;
import static org.evidencecds.meta.MetaforReference.close;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine agrees with R metafor (relative 1e-6, tau² absolute 1e-8) on every reference case in
 * src/test/resources/metafor/expected (made by the R scripts beside them).
 */
class MetaforAgreementTest {

    static Stream<Arguments> binaryCases() {
        return Stream.of(
                Arguments.of("a1_bcg_or.json", Measure.OR),
                Arguments.of("a2_zero_cell_or.json", Measure.OR),
                Arguments.of("a3_k2_or.json", Measure.OR),
                Arguments.of("a4_double_zero_or.json", Measure.OR),
                Arguments.of("c1_bcg_rr.json", Measure.RR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void binaryCasesAgreeWithMetafor(String file, Measure measure) throws Exception {
        JsonNode expected = MetaforReference.expected(file);
        List<BinaryStudy> studies = MetaforReference.binary(expected.get("dataset").asText());
        SoftAssertions softly = new SoftAssertions();
        assertStudies(softly, EffectSizes.binary(studies, measure, DoubleZeroPolicy.KEEP), expected.get("studies"));
        int checked = assertResults(softly, studies, measure, DoubleZeroPolicy.KEEP, expected.get("results"));
        if (expected.has("alt_drop00_true")) {
            checked += assertResults(softly, studies, measure, DoubleZeroPolicy.DROP, expected.get("alt_drop00_true").get("results"));
        }
        softly.assertThat(checked).as("number of fits compared").isGreaterThanOrEqualTo(5);
        softly.assertAll();
    }

    private int assertResults(SoftAssertions softly, List<BinaryStudy> studies, Measure measure,
                              DoubleZeroPolicy doubleZero, JsonNode results) {
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = results.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            MetaOptions options = MetaforReference.options(entry.getKey());
            if (options == null) {
                continue; // MH_fixed_cc_only0 is R meta's convention, not implemented
            }
            options = new MetaOptions(options.method(), options.hksj(), doubleZero);
            MetaResult r = MetaAnalysis.binary(studies, measure, options);
            assertFit(softly, entry.getKey() + " (" + doubleZero + ")", r, entry.getValue());
            checked++;
        }
        return checked;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuousCases")
    void continuousCasesAgreeWithMetafor(String file, Measure measure) throws Exception {
        JsonNode expected = MetaforReference.expected(file);
        List<ContinuousStudy> studies = MetaforReference.continuous(expected.get("dataset").asText());
        SoftAssertions softly = new SoftAssertions();
        assertStudies(softly, EffectSizes.continuous(studies, measure), expected.get("studies"));
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("results").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            MetaResult r = MetaAnalysis.continuous(studies, measure, MetaforReference.options(entry.getKey()));
            assertFit(softly, entry.getKey(), r, entry.getValue());
            checked++;
        }
        softly.assertThat(checked).isEqualTo(4);
        softly.assertAll();
    }

    static Stream<Arguments> continuousCases() {
        return Stream.of(Arguments.of("b_continuous_md.json", Measure.MD), Arguments.of("b_continuous_smd.json", Measure.SMD));
    }

    private static void assertStudies(SoftAssertions softly, List<EffectSize> effects, JsonNode studies) {
        List<JsonNode> present = new ArrayList<>();
        studies.forEach(s -> {
            if (!s.get("yi").isNull()) {
                present.add(s);
            }
        });
        softly.assertThat(effects).hasSize(studies.size());
        for (int i = 0; i < Math.min(effects.size(), studies.size()); i++) {
            JsonNode s = studies.get(i);
            if (s.get("yi").isNull()) {
                continue;
            }
            close(softly, s.get("study").asText() + " yi", effects.get(i).yi(), s.get("yi"));
            close(softly, s.get("study").asText() + " vi", effects.get(i).vi(), s.get("vi"));
        }
    }

    /** Fisher scoring oscillates on this data set (metafor's default stops); the engine still finds the REML maximum. */
    @Test
    void remlWhereFisherScoringOscillates() throws Exception {
        JsonNode expected = MetaforReference.expected("c5_reml_oscillating.json");
        assertThat(expected.get("metafor_default_control_fails").asBoolean()).isTrue();
        List<EffectSize> effects = new ArrayList<>();
        for (Map<String, String> row : MetaforReference.rows(expected.get("dataset").asText())) {
            effects.add(new EffectSize(row.get("study"), Double.parseDouble(row.get("yi")), Double.parseDouble(row.get("vi"))));
        }
        SoftAssertions softly = new SoftAssertions();
        assertFit(softly, "REML", MetaAnalysis.fit(effects, Measure.MD, MetaOptions.of(Method.REML)), expected.get("results").get("REML"));
        softly.assertAll();
    }

    @Test
    void subgroupsAgreeWithMetafor() throws Exception {
        JsonNode expected = MetaforReference.expected("c2_bcg_subgroups.json");
        List<BinaryStudy> studies = MetaforReference.binary(expected.get("dataset").asText());
        List<String> groups = new ArrayList<>();
        for (Map<String, String> row : MetaforReference.rows(expected.get("dataset").asText())) {
            groups.add(row.get("alloc"));
        }
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("results").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode e = entry.getValue();
            MetaOptions options = MetaOptions.of(Method.valueOf(e.get("method").asText()))
                    .withHksj("knha".equals(e.get("test").asText()));
            SubgroupResult r = Subgroups.binary(studies, groups, Measure.OR, options);
            String what = entry.getKey();
            softly.assertThat(r.levels()).hasSize(e.get("levels").size());
            for (int i = 0; i < r.levels().size(); i++) {
                JsonNode level = e.get("levels").get(i);
                softly.assertThat(r.levels().get(i).level()).isEqualTo(level.get("level").asText());
                assertFit(softly, what + " level " + level.get("level").asText(), r.levels().get(i).result(), level);
            }
            JsonNode qm = e.get("mixed_effects");
            close(softly, what + " QM", r.mixedEffects().statistic(), qm.get("QM"));
            softly.assertThat(r.mixedEffects().df()).isEqualTo(qm.get("QM_df").asInt());
            close(softly, what + " QM df2", r.mixedEffects().df2(), qm.get("QM_df2"));
            close(softly, what + " QM p", r.mixedEffects().pValue(), qm.get("QM_pval"));
            MetaforReference.tau2(softly, what + " QM tau2", r.mixedEffects().tau2(), qm.get("tau2"));
            JsonNode sep = e.get("separate_tau2");
            close(softly, what + " Q-between", r.separateTau2().statistic(), sep.get("Q_between"));
            softly.assertThat(r.separateTau2().df()).isEqualTo(sep.get("df").asInt());
            close(softly, what + " Q-between p", r.separateTau2().pValue(), sep.get("pval"));
            checked++;
        }
        softly.assertThat(checked).isEqualTo(7);
        softly.assertAll();
    }

    @Test
    void leaveOneOutAgreesWithMetafor() throws Exception {
        JsonNode expected = MetaforReference.expected("c3_bcg_leave1out.json");
        List<BinaryStudy> studies = MetaforReference.binary(expected.get("dataset").asText());
        SoftAssertions softly = new SoftAssertions();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("results").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            List<LeaveOneOut.Omitted> loo = LeaveOneOut.binary(studies, Measure.OR, MetaOptions.of(Method.valueOf(entry.getKey())));
            softly.assertThat(loo).hasSize(entry.getValue().size());
            for (int i = 0; i < loo.size(); i++) {
                JsonNode e = entry.getValue().get(i);
                String what = entry.getKey() + " without " + e.get("study").asText();
                softly.assertThat(loo.get(i).study()).isEqualTo(e.get("study").asText());
                MetaResult r = loo.get(i).result();
                close(softly, what + " estimate", r.estimate(), e.get("estimate"));
                close(softly, what + " se", r.se(), e.get("se"));
                close(softly, what + " ci_lb", r.ciLow(), e.get("ci_lb"));
                close(softly, what + " ci_ub", r.ciHigh(), e.get("ci_ub"));
                close(softly, what + " Q", r.q(), e.get("Q"));
                MetaforReference.tau2(softly, what + " tau2", r.tau2(), e.get("tau2"));
                close(softly, what + " I2", r.i2(), e.get("I2"));
            }
        }
        softly.assertAll();
    }

    @Test
    void eggerAgreesWithMetafor() throws Exception {
        JsonNode expected = MetaforReference.expected("c4_egger.json");
        List<EffectSize> bcg = EffectSizes.binary(MetaforReference.binary("data/a1_bcg.csv"), Measure.OR, DoubleZeroPolicy.KEEP);
        List<EffectSize> smd = EffectSizes.continuous(MetaforReference.continuous("data/b_continuous.csv"), Measure.SMD);
        SoftAssertions softly = new SoftAssertions();
        assertEgger(softly, "bcg lm", Egger.classic(bcg), expected.get("bcg_or").get("lm"));
        for (String method : List.of("REML", "DL", "FE", "PM")) {
            assertEgger(softly, "bcg rma " + method, Egger.metaRegression(bcg, MetaOptions.of(Method.valueOf(method))),
                    expected.get("bcg_or").get("rma_" + method));
        }
        assertEgger(softly, "smd lm", Egger.classic(smd), expected.get("continuous_smd").get("lm"));
        assertEgger(softly, "smd rma REML", Egger.metaRegression(smd, MetaOptions.of(Method.REML)),
                expected.get("continuous_smd").get("rma_REML"));
        softly.assertAll();
    }

    static Stream<Arguments> smallStudyCases() {
        return Stream.of(Arguments.of("bcg"), Arguments.of("zero_cell"), Arguments.of("double_zero"));
    }

    /** Peters, metafor's regtest(lm, ninv) and Harbord against R's lm (and meta::metabias where the file has it). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("smallStudyCases")
    void smallStudyTestsAgreeWithR(String key) throws Exception {
        JsonNode expected = MetaforReference.expected("d_small_study.json").get(key);
        List<BinaryStudy> studies = MetaforReference.binary(expected.get("dataset").asText());
        SoftAssertions softly = new SoftAssertions();
        SmallStudyTestResult peters = SmallStudyTests.peters(studies);
        SmallStudyTestResult harbord = SmallStudyTests.harbord(studies);
        int checked = 0;
        checked += assertSmallStudy(softly, key + " peters (lm)", peters, expected.get("peters"));
        checked += assertSmallStudy(softly, key + " peters (metafor regtest ninv)",
                SmallStudyTests.petersMetafor(studies, DoubleZeroPolicy.KEEP), expected.get("peters_metafor_ninv"));
        checked += assertSmallStudy(softly, key + " harbord (lm)", harbord, expected.get("harbord"));
        softly.assertThat(checked).as(key + ": lm and metafor references present").isEqualTo(3);
        if (expected.has("peters_metafor_ninv_drop00")) {
            assertSmallStudy(softly, key + " peters (metafor regtest ninv, drop00)",
                    SmallStudyTests.petersMetafor(studies, DoubleZeroPolicy.DROP), expected.get("peters_metafor_ninv_drop00"));
        }
        if (expected.has("peters_meta")) {
            assertSmallStudy(softly, key + " peters (meta::metabias)", peters, expected.get("peters_meta"));
            assertSmallStudy(softly, key + " harbord (meta::metabias)", harbord, expected.get("harbord_meta"));
        }
        softly.assertAll();
    }

    private static int assertSmallStudy(SoftAssertions softly, String what, SmallStudyTestResult r, JsonNode e) {
        softly.assertThat(e).as(what + " expected values").isNotNull();
        if (e == null) {
            return 0;
        }
        softly.assertThat(r.test()).as(what + " test").isEqualTo(e.get("test").asText());
        softly.assertThat(r.k()).as(what + " k").isEqualTo(e.get("k").asInt());
        close(softly, what + " coefficient", r.coefficient(), e.get("coefficient"));
        close(softly, what + " se", r.se(), e.get("se"));
        close(softly, what + " stat", r.stat(), e.get("stat"));
        close(softly, what + " df", r.df(), e.get("df"));
        close(softly, what + " pval", r.pValue(), e.get("pval"));
        close(softly, what + " limit estimate", r.limitEstimate(), e.get("limit_estimate"));
        return 1;
    }

    private static void assertEgger(SoftAssertions softly, String what, EggerResult r, JsonNode e) {
        close(softly, what + " coefficient of sei", r.intercept(), e.get("coef_sei"));
        close(softly, what + " se", r.se(), e.get("se_sei"));
        close(softly, what + " stat", r.stat(), e.get("stat"));
        close(softly, what + " df", r.df(), e.get("df"));
        close(softly, what + " pval", r.pValue(), e.get("pval"));
        close(softly, what + " limit estimate", r.limitEstimate(), e.get("limit_estimate"));
        if (!e.get("tau2").isNull()) {
            MetaforReference.tau2(softly, what + " tau2", r.tau2(), e.get("tau2"));
        }
    }
}
