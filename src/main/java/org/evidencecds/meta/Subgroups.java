package org.evidencecds.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.math3.special.Beta;

/**
 * Subgroup analysis: each level pooled on its own, and the test for subgroup differences in its two
 * common forms, which give different values on the same data (metafor README caveat 11):
 * <ul>
 *   <li>mixed-effects Q<sub>M</sub> (metafor {@code rma(yi, vi, mods = ~ factor(group))}): one tau²
 *       estimated from the residual heterogeneity, Wald test of the factor; with Hartung-Knapp an F test;
 *       for FE and MH the fixed-effect Q-between;</li>
 *   <li>separate-tau² Q-between (R meta): each level with its own tau²,
 *       Q = Σ (θ<sub>j</sub> - θ̄)² / se<sub>j</sub>², chi-square on levels - 1 df.</li>
 * </ul>
 */
public final class Subgroups {

    private Subgroups() {
    }

    public static SubgroupResult binary(List<BinaryStudy> studies, List<String> groups, Measure measure, MetaOptions options) {
        requireSameSize(studies.size(), groups);
        TreeMap<String, List<BinaryStudy>> byLevel = new TreeMap<>();
        for (int i = 0; i < studies.size(); i++) {
            byLevel.computeIfAbsent(requireLevel(groups.get(i), studies.get(i).study()), g -> new ArrayList<>()).add(studies.get(i));
        }
        List<SubgroupResult.Level> levels = new ArrayList<>();
        byLevel.forEach((level, rows) -> levels.add(new SubgroupResult.Level(level, MetaAnalysis.binary(rows, measure, options))));
        // The moderator test works on effect sizes; MH has no moderator form, so it uses the fixed-effect one
        List<EffectSize> effects = new ArrayList<>();
        for (int i = 0; i < studies.size(); i++) {
            BinaryStudy s = studies.get(i);
            if (s.isDoubleZero() && options.doubleZero() == DoubleZeroPolicy.DROP) {
                continue;
            }
            effects.add(EffectSizes.binary(s, measure).withGroup(groups.get(i)));
        }
        return new SubgroupResult(levels, mixedEffects(effects, options), separateTau2(levels));
    }

    public static SubgroupResult continuous(List<ContinuousStudy> studies, List<String> groups, Measure measure, MetaOptions options) {
        requireSameSize(studies.size(), groups);
        List<EffectSize> effects = new ArrayList<>();
        for (int i = 0; i < studies.size(); i++) {
            effects.add(EffectSizes.continuous(studies.get(i), measure).withGroup(requireLevel(groups.get(i), studies.get(i).study())));
        }
        return fit(effects, measure, options);
    }

    /** Subgroups of precomputed effect sizes; each carries its level in {@link EffectSize#group()}. */
    public static SubgroupResult fit(List<EffectSize> effects, Measure measure, MetaOptions options) {
        TreeMap<String, List<EffectSize>> byLevel = new TreeMap<>();
        for (EffectSize e : effects) {
            byLevel.computeIfAbsent(requireLevel(e.group(), e.study()), g -> new ArrayList<>()).add(e);
        }
        List<SubgroupResult.Level> levels = new ArrayList<>();
        byLevel.forEach((level, rows) -> levels.add(new SubgroupResult.Level(level, MetaAnalysis.fit(rows, measure, options))));
        return new SubgroupResult(levels, mixedEffects(effects, options), separateTau2(levels));
    }

    static SubgroupTest mixedEffects(List<EffectSize> effects, MetaOptions options) {
        TreeMap<String, Integer> index = new TreeMap<>();
        for (EffectSize e : effects) {
            index.putIfAbsent(e.group(), 0);
        }
        int n = 0;
        for (String key : index.keySet()) {
            index.put(key, n++);
        }
        int levels = index.size();
        int k = effects.size();
        double[] y = new double[k];
        double[] v = new double[k];
        int[] group = new int[k];
        for (int i = 0; i < k; i++) {
            y[i] = effects.get(i).yi();
            v[i] = effects.get(i).vi();
            group[i] = index.get(effects.get(i).group());
        }
        Method method = options.method() == Method.MH ? Method.FE : options.method();
        double tau2 = Tau2.estimate(method, y, v, group, levels);
        double[] sw = new double[levels];
        double[] swy = new double[levels];
        for (int i = 0; i < k; i++) {
            double w = 1 / (v[i] + tau2);
            sw[group[i]] += w;
            swy[group[i]] += w * y[i];
        }
        double total = 0;
        double totalY = 0;
        for (int j = 0; j < levels; j++) {
            total += sw[j];
            totalY += swy[j];
        }
        double grand = totalY / total;
        double qm = 0;
        for (int j = 0; j < levels; j++) {
            double d = swy[j] / sw[j] - grand;
            qm += sw[j] * d * d;
        }
        int df = levels - 1;
        String what = "one tau² shared by all subgroups (" + method + "), Wald test of the subgroup factor";
        if (options.hksj() && k - levels >= 1) {
            double s2 = 0;
            for (int i = 0; i < k; i++) {
                double r = y[i] - swy[group[i]] / sw[group[i]];
                s2 += r * r / (v[i] + tau2);
            }
            s2 /= (k - levels);
            double f = qm / (s2 * df);
            double df2 = k - levels;
            double p = df > 0 ? Beta.regularizedBeta(df2 / (df2 + df * f), df2 / 2, df / 2.0) : Double.NaN;
            return new SubgroupTest(SubgroupTest.MIXED_EFFECTS, what + " with the Hartung-Knapp F test",
                    f, "F", df, df2, p, tau2);
        }
        return new SubgroupTest(SubgroupTest.MIXED_EFFECTS, what, qm, "chi2", df, Double.NaN,
                Stats.chiSquareUpper(qm, df), tau2);
    }

    static SubgroupTest separateTau2(List<SubgroupResult.Level> levels) {
        double sw = 0;
        double swy = 0;
        for (SubgroupResult.Level l : levels) {
            double w = 1 / (l.result().se() * l.result().se());
            sw += w;
            swy += w * l.result().estimate();
        }
        double grand = swy / sw;
        double q = 0;
        for (SubgroupResult.Level l : levels) {
            double d = l.result().estimate() - grand;
            q += d * d / (l.result().se() * l.result().se());
        }
        int df = levels.size() - 1;
        return new SubgroupTest(SubgroupTest.SEPARATE_TAU2,
                "each subgroup pooled with its own tau², Q between the subgroup estimates",
                q, "chi2", df, Double.NaN, Stats.chiSquareUpper(q, df), Double.NaN);
    }

    private static void requireSameSize(int studies, List<String> groups) {
        if (groups.size() != studies) {
            throw new IllegalArgumentException("need one subgroup level per study (" + studies + " studies, " + groups.size() + " levels)");
        }
    }

    private static String requireLevel(String level, String study) {
        if (level == null || level.isBlank()) {
            throw new IllegalArgumentException(study + ": subgroup level is missing");
        }
        return level;
    }
}
