package org.evidencecds.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties that follow from the definitions, checked on many random data sets (fixed seed). */
class FirstPrinciplesTest {

    private static List<EffectSize> randomStudies(Random random, int k) {
        List<EffectSize> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(new EffectSize("s" + i, random.nextGaussian(), 0.01 + random.nextDouble()));
        }
        return out;
    }

    @Test
    void fixedEffectIsTheInverseVarianceWeightedMean() {
        Random random = new Random(1);
        for (int trial = 0; trial < 500; trial++) {
            List<EffectSize> studies = randomStudies(random, 2 + random.nextInt(30));
            double sw = 0;
            double swy = 0;
            for (EffectSize e : studies) {
                sw += 1 / e.vi();
                swy += e.yi() / e.vi();
            }
            MetaResult fe = MetaAnalysis.fit(studies, Measure.MD, MetaOptions.of(Method.FE));
            assertThat(fe.estimate()).isCloseTo(swy / sw, within(1e-12));
            assertThat(fe.se()).isCloseTo(Math.sqrt(1 / sw), within(1e-12));
            assertThat(fe.weightsPercent().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(100, within(1e-9));
        }
    }

    @Test
    void resultsDoNotDependOnStudyOrderAndTau2IsNeverNegative() {
        Random random = new Random(2);
        for (int trial = 0; trial < 300; trial++) {
            List<EffectSize> studies = randomStudies(random, 2 + random.nextInt(20));
            List<EffectSize> shuffled = new ArrayList<>(studies);
            Collections.shuffle(shuffled, random);
            for (Method method : List.of(Method.DL, Method.REML, Method.PM)) {
                MetaResult a = MetaAnalysis.fit(studies, Measure.MD, MetaOptions.of(method));
                MetaResult b = MetaAnalysis.fit(shuffled, Measure.MD, MetaOptions.of(method));
                assertThat(a.tau2()).isGreaterThanOrEqualTo(0);
                assertThat(b.estimate()).isCloseTo(a.estimate(), within(1e-9));
                assertThat(b.tau2()).isCloseTo(a.tau2(), within(1e-8));
                assertThat(a.ciLow()).isLessThan(a.estimate());
                assertThat(a.piLow()).isLessThanOrEqualTo(a.ciLow() + 1e-12);
            }
        }
    }

    @Test
    void homogeneousStudiesGiveZeroTau2AndRandomEqualsFixed() {
        // identical estimates: Q = 0 < k - 1, so every estimator is truncated at 0
        List<EffectSize> same = List.of(new EffectSize("a", 0.4, 0.1), new EffectSize("b", 0.4, 0.2), new EffectSize("c", 0.4, 0.05));
        MetaResult fe = MetaAnalysis.fit(same, Measure.MD, MetaOptions.of(Method.FE));
        for (Method method : List.of(Method.DL, Method.REML, Method.PM)) {
            MetaResult re = MetaAnalysis.fit(same, Measure.MD, MetaOptions.of(method));
            assertThat(re.tau2()).isCloseTo(0, within(1e-10));
            assertThat(re.estimate()).isCloseTo(fe.estimate(), within(1e-9));
            assertThat(re.i2()).isCloseTo(0, within(1e-6));
        }
        assertThat(fe.q()).isCloseTo(0, within(1e-12));
        assertThat(fe.qPValue()).isEqualTo(1.0);
    }

    @Test
    void aSingleStudyIsItsOwnEstimateWithNoHeterogeneity() {
        MetaResult one = MetaAnalysis.fit(List.of(new EffectSize("a", 0.7, 0.04)), Measure.MD, MetaOptions.of(Method.REML));
        assertThat(one.estimate()).isEqualTo(0.7);
        assertThat(one.se()).isCloseTo(0.2, within(1e-12));
        assertThat(one.tau2()).isZero();
        assertThat(one.qDf()).isZero();
        assertThat(one.i2()).isNaN();
        assertThat(one.piTLow()).isNaN();
    }

    @Test
    void zeroCellCorrectionFollowsMetafor() {
        // a 0/10 vs 3/10 table gets 0.5 in every cell: OR = (0.5 * 7.5) / (10.5 * 3.5)
        EffectSize e = EffectSizes.binary(new BinaryStudy("z", 0, 10, 3, 10), Measure.OR);
        assertThat(e.yi()).isCloseTo(Math.log((0.5 * 7.5) / (10.5 * 3.5)), within(1e-12));
        assertThat(e.vi()).isCloseTo(1 / 0.5 + 1 / 10.5 + 1 / 3.5 + 1 / 7.5, within(1e-12));
        // no zero cell: no correction
        EffectSize f = EffectSizes.binary(new BinaryStudy("f", 2, 10, 3, 10), Measure.OR);
        assertThat(f.yi()).isCloseTo(Math.log((2.0 * 7) / (8.0 * 3)), within(1e-12));
    }

    @Test
    void invalidInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new BinaryStudy("x", 11, 10, 1, 10)).hasMessageContaining("events exceed total");
        assertThatThrownBy(() -> new ContinuousStudy("x", 1, 0, 10, 1, 1, 10)).hasMessageContaining("SDs must be > 0");
        assertThatThrownBy(() -> MetaAnalysis.fit(List.of(), Measure.MD, MetaOptions.of(Method.DL))).hasMessageContaining("no studies");
        assertThatThrownBy(() -> MetaOptions.of(Method.FE).withHksj(true)).hasMessageContaining("random-effects");
        assertThatThrownBy(() -> Egger.classic(randomStudies(new Random(3), 2))).hasMessageContaining("at least 3");
    }
}
