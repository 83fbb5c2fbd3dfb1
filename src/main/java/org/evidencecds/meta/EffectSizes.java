package org.evidencecds.meta;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * Per-study effect sizes with metafor's {@code escalc} conventions: 0.5 added to all four cells of a
 * study with a zero cell ({@code add = 1/2, to = "only0"}); Hedges' g with the exact gamma-function
 * correction and the large-sample variance ({@code vtype = "LS"}).
 */
public final class EffectSizes {

    private static final double CORRECTION = 0.5;

    private EffectSizes() {
    }

    /** Log odds ratio or log risk ratio for each study; double-zero studies kept or dropped as asked. */
    public static List<EffectSize> binary(List<BinaryStudy> studies, Measure measure, DoubleZeroPolicy doubleZero) {
        if (!measure.isBinary()) {
            throw new IllegalArgumentException("measure " + measure + " needs continuous data (means, SDs, n)");
        }
        List<EffectSize> out = new ArrayList<>(studies.size());
        for (BinaryStudy s : studies) {
            if (s.isDoubleZero() && doubleZero == DoubleZeroPolicy.DROP) {
                continue;
            }
            out.add(binary(s, measure));
        }
        return out;
    }

    /** One study's log OR or log RR (0.5 added to every cell when any cell is zero). */
    public static EffectSize binary(BinaryStudy s, Measure measure) {
        double add = s.hasZeroCell() ? CORRECTION : 0.0;
        double a = s.eventsT() + add;
        double b = s.totalT() - s.eventsT() + add;
        double c = s.eventsC() + add;
        double d = s.totalC() - s.eventsC() + add;
        return switch (measure) {
            case OR -> new EffectSize(s.study(), Math.log(a * d / (b * c)), 1 / a + 1 / b + 1 / c + 1 / d);
            case RR -> {
                double n1 = a + b;
                double n2 = c + d;
                yield new EffectSize(s.study(), Math.log((a / n1) / (c / n2)), 1 / a - 1 / n1 + 1 / c - 1 / n2);
            }
            default -> throw new IllegalArgumentException("measure " + measure + " is not a binary measure");
        };
    }

    /** Mean difference or standardised mean difference (Hedges' g) for each study. */
    public static List<EffectSize> continuous(List<ContinuousStudy> studies, Measure measure) {
        List<EffectSize> out = new ArrayList<>(studies.size());
        for (ContinuousStudy s : studies) {
            out.add(continuous(s, measure));
        }
        return out;
    }

    public static EffectSize continuous(ContinuousStudy s, Measure measure) {
        return switch (measure) {
            case MD -> new EffectSize(s.study(), s.meanT() - s.meanC(),
                    s.sdT() * s.sdT() / s.nT() + s.sdC() * s.sdC() / s.nC());
            case SMD -> {
                if (s.nT() + s.nC() < 4) {
                    throw new IllegalArgumentException(s.study() + ": SMD needs n_t + n_c >= 4");
                }
                double m = s.nT() + s.nC() - 2.0;
                double pooledSd = Math.sqrt(((s.nT() - 1) * s.sdT() * s.sdT() + (s.nC() - 1) * s.sdC() * s.sdC()) / m);
                double g = hedgesJ(m) * (s.meanT() - s.meanC()) / pooledSd;
                double v = 1.0 / s.nT() + 1.0 / s.nC() + g * g / (2.0 * (s.nT() + s.nC()));
                yield new EffectSize(s.study(), g, v);
            }
            default -> throw new IllegalArgumentException("measure " + measure + " needs binary data (events/totals)");
        };
    }

    /** Exact small-sample correction J(m) = Γ(m/2) / (√(m/2) Γ((m-1)/2)), as metafor computes it. */
    public static double hedgesJ(double m) {
        return Math.exp(Gamma.logGamma(m / 2) - Math.log(Math.sqrt(m / 2)) - Gamma.logGamma((m - 1) / 2));
    }
}
