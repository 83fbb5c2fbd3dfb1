package org.evidencecds.meta;

import java.util.ArrayList;
import java.util.List;

/**
 * Mantel-Haenszel fixed-effect pooling of 2x2 tables, as metafor's {@code rma.mh} with its defaults:
 * the estimate comes from the uncorrected counts (double-zero tables count in k but add nothing); the
 * standard error is Robins-Breslow-Greenland (OR) or Greenland-Robins (RR); Q is taken around the MH
 * estimate with inverse-variance weights from the 0.5-corrected effect sizes, double zeros left out.
 */
final class MantelHaenszel {

    private MantelHaenszel() {
    }

    static MetaResult fit(List<BinaryStudy> studies, Measure measure) {
        if (!measure.isBinary()) {
            throw new IllegalArgumentException("Mantel-Haenszel pools binary data only (OR, RR), not " + measure);
        }
        int k = studies.size();
        if (k == 0) {
            throw new IllegalArgumentException("no studies to pool");
        }
        double[] weight = new double[k];
        double estimate;
        double variance;
        if (measure == Measure.OR) {
            double sumR = 0;
            double sumS = 0;
            double sumPR = 0;
            double sumPSQR = 0;
            double sumQS = 0;
            for (int i = 0; i < k; i++) {
                BinaryStudy s = studies.get(i);
                double a = s.eventsT();
                double b = s.totalT() - s.eventsT();
                double c = s.eventsC();
                double d = s.totalC() - s.eventsC();
                double n = a + b + c + d;
                double r = a * d / n;
                double sv = b * c / n;
                double p = (a + d) / n;
                double q = (b + c) / n;
                sumR += r;
                sumS += sv;
                sumPR += p * r;
                sumPSQR += p * sv + q * r;
                sumQS += q * sv;
                weight[i] = sv;
            }
            requirePositive(sumR, sumS);
            estimate = Math.log(sumR / sumS);
            variance = 0.5 * (sumPR / (sumR * sumR) + sumPSQR / (sumR * sumS) + sumQS / (sumS * sumS));
        } else {
            double sumR = 0;
            double sumS = 0;
            double sumP = 0;
            for (int i = 0; i < k; i++) {
                BinaryStudy s = studies.get(i);
                double a = s.eventsT();
                double c = s.eventsC();
                double n1 = s.totalT();
                double n2 = s.totalC();
                double n = n1 + n2;
                sumR += a * n2 / n;
                sumS += c * n1 / n;
                sumP += (n1 * n2 * (a + c) - a * c * n) / (n * n);
                weight[i] = c * n1 / n;
            }
            requirePositive(sumR, sumS);
            estimate = Math.log(sumR / sumS);
            variance = sumP / (sumR * sumS);
        }
        double se = Math.sqrt(variance);
        double z = estimate / se;

        // Heterogeneity around the MH estimate, from the 0.5-corrected effect sizes without double zeros
        List<EffectSize> corrected = EffectSizes.binary(studies, measure, DoubleZeroPolicy.DROP);
        double q = 0;
        for (EffectSize e : corrected) {
            double r = e.yi() - estimate;
            q += r * r / e.vi();
        }
        int qDf = corrected.size() - 1;
        double i2 = qDf > 0 ? (q > 0 ? Math.max(0, 100 * (q - qDf) / q) : 0.0) : Double.NaN;
        double h2 = qDf > 0 ? q / qDf : Double.NaN;

        double totalWeight = 0;
        for (double w : weight) {
            totalWeight += w;
        }
        List<Double> weights = new ArrayList<>(k);
        List<String> labels = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            weights.add(100 * weight[i] / totalWeight);
            labels.add(studies.get(i).study());
        }
        double nan = Double.NaN;
        return new MetaResult(measure, Method.MH, false, k,
                estimate, se, estimate - Stats.Z_975 * se, estimate + Stats.Z_975 * se,
                z, nan, Stats.twoSidedNormalP(z),
                0.0, i2, h2, i2, h2, q, qDf, qDf > 0 ? Stats.chiSquareUpper(q, qDf) : nan,
                nan, nan, nan, nan, nan, nan, labels, weights);
    }

    private static void requirePositive(double sumR, double sumS) {
        if (!(sumR > 0) || !(sumS > 0)) {
            throw new IllegalArgumentException(
                    "Mantel-Haenszel estimate is undefined: no events in one of the arms across all studies");
        }
    }
}
