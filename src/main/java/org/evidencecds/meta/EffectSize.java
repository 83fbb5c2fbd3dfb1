package org.evidencecds.meta;

/**
 * One study's effect estimate {@code yi} and its sampling variance {@code vi} (log scale for OR/RR),
 * and the group label used in subgroup analyses (null when there is none).
 */
public record EffectSize(String study, double yi, double vi, String group) {

    public EffectSize {
        if (!Double.isFinite(yi) || !(vi > 0) || !Double.isFinite(vi)) {
            throw new IllegalArgumentException(study + ": effect size needs a finite yi and vi > 0 (yi=" + yi + ", vi=" + vi + ")");
        }
    }

    public EffectSize(String study, double yi, double vi) {
        this(study, yi, vi, null);
    }

    public double sei() {
        return Math.sqrt(vi);
    }

    public EffectSize withGroup(String newGroup) {
        return new EffectSize(study, yi, vi, newGroup);
    }
}
