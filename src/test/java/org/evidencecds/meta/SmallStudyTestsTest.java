package org.evidencecds.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * Peters' and Harbord's tests from first principles: the weighted least-squares line written out in
 * closed form (sums, no regression library), the zero-cell and double-zero rules, and the input checks.
 * Agreement with R is in {@link MetaforAgreementTest#smallStudyTestsAgreeWithR}.
 */
class SmallStudyTestsTest {

    private static final List<BinaryStudy> TINY = List.of(
            new BinaryStudy("s1", 2, 20, 5, 20),
            new BinaryStudy("s2", 6, 50, 9, 50),
            new BinaryStudy("s3", 10, 100, 14, 110),
            new BinaryStudy("s4", 30, 400, 35, 390));

    /** Weighted least squares of y on [1, x] by the textbook formulas: {intercept, slope, se of slope}. */
    private static double[] line(double[] x, double[] y, double[] w) {
        double sw = 0;
        double swx = 0;
        double swy = 0;
        for (int i = 0; i < x.length; i++) {
            sw += w[i];
            swx += w[i] * x[i];
            swy += w[i] * y[i];
        }
        double xBar = swx / sw;
        double yBar = swy / sw;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += w[i] * (x[i] - xBar) * (x[i] - xBar);
            sxy += w[i] * (x[i] - xBar) * (y[i] - yBar);
        }
        double slope = sxy / sxx;
        double intercept = yBar - slope * xBar;
        double rss = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - intercept - slope * x[i];
            rss += w[i] * r * r;
        }
        return new double[] {intercept, slope, Math.sqrt(rss / (x.length - 2) / sxx)};
    }

    private static double twoSidedP(double t, int df) {
        return 2 * new TDistribution(df).cumulativeProbability(-Math.abs(t));
    }

    /** Peters by hand: ln OR (0.5 added to every cell only in a zero-cell study), weights S·F/N from raw counts. */
    private static double[] petersByHand(List<BinaryStudy> studies) {
        int k = studies.size();
        double[] x = new double[k];
        double[] y = new double[k];
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            BinaryStudy s = studies.get(i);
            double add = s.hasZeroCell() ? 0.5 : 0;
            double a = s.eventsT() + add;
            double b = s.totalT() - s.eventsT() + add;
            double c = s.eventsC() + add;
            double d = s.totalC() - s.eventsC() + add;
            double n = s.totalT() + s.totalC();
            double events = s.eventsT() + s.eventsC();
            x[i] = 1 / n;
            y[i] = Math.log(a * d / (b * c));
            w[i] = events * (n - events) / n;
        }
        return line(x, y, w);
    }

    /** Harbord by hand, in the equivalent weighted form: Z/V on 1/√V with weights V; the slope there is Harbord's intercept. */
    private static double[] harbordByHand(List<BinaryStudy> studies) {
        int k = studies.size();
        double[] x = new double[k];
        double[] y = new double[k];
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            double[] zv = scoreAndVariance(studies.get(i));
            x[i] = 1 / Math.sqrt(zv[1]);
            y[i] = zv[0] / zv[1];
            w[i] = zv[1];
        }
        return line(x, y, w);
    }

    private static double[] scoreAndVariance(BinaryStudy s) {
        double a = s.eventsT();
        double b = s.totalT() - s.eventsT();
        double c = s.eventsC();
        double d = s.totalC() - s.eventsC();
        double n = a + b + c + d;
        return new double[] {a - (a + b) * (a + c) / n, (a + b) * (c + d) * (a + c) * (b + d) / (n * n * (n - 1))};
    }

    @Test
    void petersIsTheWeightedLineOfLnOrOnInverseTotalSize() {
        double[] hand = petersByHand(TINY);
        SmallStudyTestResult r = SmallStudyTests.peters(TINY);
        assertThat(r.test()).isEqualTo(SmallStudyTests.PETERS);
        assertThat(r.k()).isEqualTo(4);
        assertThat(r.df()).isEqualTo(2);
        assertThat(r.coefficient()).isCloseTo(hand[1], within(Math.abs(hand[1]) * 1e-9));
        assertThat(r.se()).isCloseTo(hand[2], within(hand[2] * 1e-9));
        assertThat(r.stat()).isCloseTo(hand[1] / hand[2], within(1e-9));
        assertThat(r.pValue()).isCloseTo(twoSidedP(hand[1] / hand[2], 2), within(1e-9));
        assertThat(r.limitEstimate()).isCloseTo(hand[0], within(1e-9));
    }

    @Test
    void harbordScoreAndVarianceByHand() {
        // 2/10 vs 6/10: Z = 2 - 10·8/20 = -2, V = 10·10·8·12 / (20²·19) = 9600/7600
        double[] zv = scoreAndVariance(new BinaryStudy("h", 2, 10, 6, 10));
        assertThat(zv[0]).isEqualTo(-2.0);
        assertThat(zv[1]).isCloseTo(9600.0 / 7600.0, within(1e-15));
    }

    @Test
    void harbordIsTheInterceptOfScoreOverRootVarianceOnRootVariance() {
        double[] hand = harbordByHand(TINY);
        SmallStudyTestResult r = SmallStudyTests.harbord(TINY);
        assertThat(r.test()).isEqualTo(SmallStudyTests.HARBORD);
        assertThat(r.k()).isEqualTo(4);
        assertThat(r.df()).isEqualTo(2);
        assertThat(r.coefficient()).isCloseTo(hand[1], within(Math.abs(hand[1]) * 1e-9));
        assertThat(r.se()).isCloseTo(hand[2], within(hand[2] * 1e-9));
        assertThat(r.pValue()).isCloseTo(twoSidedP(hand[1] / hand[2], 2), within(1e-9));
        assertThat(r.limitEstimate()).isCloseTo(hand[0], within(1e-9));
    }

    @Test
    void petersMetaforWeighsByInverseVariance() {
        int k = TINY.size();
        double[] x = new double[k];
        double[] y = new double[k];
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            BinaryStudy s = TINY.get(i);
            double a = s.eventsT();
            double b = s.totalT() - a;
            double c = s.eventsC();
            double d = s.totalC() - c;
            x[i] = 1.0 / (s.totalT() + s.totalC());
            y[i] = Math.log(a * d / (b * c));
            w[i] = 1 / (1 / a + 1 / b + 1 / c + 1 / d);
        }
        double[] hand = line(x, y, w);
        SmallStudyTestResult r = SmallStudyTests.petersMetafor(TINY, DoubleZeroPolicy.KEEP);
        assertThat(r.test()).isEqualTo(SmallStudyTests.PETERS_METAFOR);
        assertThat(r.coefficient()).isCloseTo(hand[1], within(Math.abs(hand[1]) * 1e-9));
        assertThat(r.se()).isCloseTo(hand[2], within(hand[2] * 1e-9));
        // not Peters' weights: the two slopes differ
        assertThat(Math.abs(r.coefficient() - SmallStudyTests.peters(TINY).coefficient())).isGreaterThan(1e-3 * Math.abs(hand[1]));
    }

    @Test
    void zeroCellPetersCorrectsTheLnOrButWeighsByRawCountsAndHarbordUsesRawCounts() {
        List<BinaryStudy> studies = new ArrayList<>(TINY);
        studies.add(new BinaryStudy("zero", 0, 20, 4, 20));
        double[] hand = petersByHand(studies);
        SmallStudyTestResult peters = SmallStudyTests.peters(studies);
        assertThat(peters.k()).isEqualTo(5);
        assertThat(peters.coefficient()).isCloseTo(hand[1], within(Math.abs(hand[1]) * 1e-9));
        assertThat(peters.se()).isCloseTo(hand[2], within(hand[2] * 1e-9));

        // weights from the corrected counts (S = 5, F = 37, N = 42 instead of 4, 36, 40) would give another slope
        List<BinaryStudy> corrected = new ArrayList<>(TINY);
        corrected.add(new BinaryStudy("zero", 0, 20, 4, 20));
        double[] x = new double[5];
        double[] y = new double[5];
        double[] w = new double[5];
        for (int i = 0; i < 5; i++) {
            BinaryStudy s = corrected.get(i);
            double add = s.hasZeroCell() ? 0.5 : 0;
            double n = s.totalT() + s.totalC() + 4 * add;
            double events = s.eventsT() + s.eventsC() + 2 * add;
            x[i] = 1.0 / (s.totalT() + s.totalC());
            y[i] = EffectSizes.binary(s, Measure.OR).yi();
            w[i] = events * (n - events) / n;
        }
        assertThat(Math.abs(line(x, y, w)[1] - peters.coefficient())).isGreaterThan(1e-3 * Math.abs(hand[1]));

        // Harbord: Z = 0 - 20·4/40 = -2 and V = 20·20·4·36 / (40²·39) from the raw counts
        double[] zv = scoreAndVariance(new BinaryStudy("zero", 0, 20, 4, 20));
        assertThat(zv[0]).isEqualTo(-2.0);
        assertThat(zv[1]).isCloseTo(57600.0 / 62400.0, within(1e-15));
        double[] harbordHand = harbordByHand(studies);
        SmallStudyTestResult harbord = SmallStudyTests.harbord(studies);
        assertThat(harbord.coefficient()).isCloseTo(harbordHand[1], within(Math.abs(harbordHand[1]) * 1e-9));
        assertThat(harbord.se()).isCloseTo(harbordHand[2], within(harbordHand[2] * 1e-9));
    }

    @Test
    void doubleZeroStudiesAreLeftOutOfPetersAndHarbordButKeptByMetaforsDefault() {
        List<BinaryStudy> withDoubleZero = new ArrayList<>(TINY);
        withDoubleZero.add(new BinaryStudy("none", 0, 30, 0, 35));
        withDoubleZero.add(new BinaryStudy("all", 12, 12, 15, 15));
        assertThat(SmallStudyTests.peters(withDoubleZero)).isEqualTo(SmallStudyTests.peters(TINY));
        assertThat(SmallStudyTests.harbord(withDoubleZero)).isEqualTo(SmallStudyTests.harbord(TINY));
        assertThat(SmallStudyTests.petersMetafor(withDoubleZero, DoubleZeroPolicy.DROP))
                .isEqualTo(SmallStudyTests.petersMetafor(TINY, DoubleZeroPolicy.KEEP));
        SmallStudyTestResult kept = SmallStudyTests.petersMetafor(withDoubleZero, DoubleZeroPolicy.KEEP);
        assertThat(kept.k()).isEqualTo(6);
        assertThat(kept.df()).isEqualTo(4);
    }

    @Test
    void swappingTheArmsNegatesTheCoefficientsAndKeepsTheP() throws Exception {
        List<BinaryStudy> bcg = MetaforReference.binary("data/a1_bcg.csv");
        List<BinaryStudy> swapped = bcg.stream()
                .map(s -> new BinaryStudy(s.study(), s.eventsC(), s.totalC(), s.eventsT(), s.totalT())).toList();
        for (boolean isPeters : List.of(true, false)) {
            SmallStudyTestResult a = isPeters ? SmallStudyTests.peters(bcg) : SmallStudyTests.harbord(bcg);
            SmallStudyTestResult b = isPeters ? SmallStudyTests.peters(swapped) : SmallStudyTests.harbord(swapped);
            assertThat(b.coefficient()).isCloseTo(-a.coefficient(), within(Math.abs(a.coefficient()) * 1e-9));
            assertThat(b.limitEstimate()).isCloseTo(-a.limitEstimate(), within(Math.abs(a.limitEstimate()) * 1e-9));
            assertThat(b.se()).isCloseTo(a.se(), within(a.se() * 1e-9));
            assertThat(b.pValue()).isCloseTo(a.pValue(), within(1e-9));
        }
    }

    @Test
    void fewerThanThreeStudiesOrNoSpreadIsRefusedWithTheReason() {
        List<BinaryStudy> two = TINY.subList(0, 2);
        assertThatThrownBy(() -> SmallStudyTests.peters(two)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 studies, got 2");
        assertThatThrownBy(() -> SmallStudyTests.harbord(two)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 studies, got 2");
        assertThatThrownBy(() -> SmallStudyTests.petersMetafor(two, DoubleZeroPolicy.KEEP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 studies, got 2");

        List<BinaryStudy> twoAndADoubleZero = List.of(TINY.get(0), TINY.get(1), new BinaryStudy("none", 0, 30, 0, 30));
        assertThatThrownBy(() -> SmallStudyTests.peters(twoAndADoubleZero))
                .hasMessageContaining("at least 3 studies, got 2").hasMessageContaining("1 double-zero study left out");
        assertThatThrownBy(() -> SmallStudyTests.harbord(twoAndADoubleZero)).hasMessageContaining("double-zero");
        assertThat(SmallStudyTests.petersMetafor(twoAndADoubleZero, DoubleZeroPolicy.KEEP).k()).isEqualTo(3);

        List<BinaryStudy> sameSize = List.of(new BinaryStudy("a", 2, 50, 5, 50), new BinaryStudy("b", 4, 50, 6, 50),
                new BinaryStudy("c", 3, 60, 8, 40));
        assertThatThrownBy(() -> SmallStudyTests.peters(sameSize)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different total sample sizes");
        List<BinaryStudy> sameTable = List.of(new BinaryStudy("a", 2, 50, 5, 50), new BinaryStudy("b", 2, 50, 5, 50),
                new BinaryStudy("c", 5, 50, 2, 50));
        assertThatThrownBy(() -> SmallStudyTests.harbord(sameTable)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different score variances");
    }
}
