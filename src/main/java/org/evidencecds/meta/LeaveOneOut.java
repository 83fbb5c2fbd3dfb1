package org.evidencecds.meta;

import java.util.ArrayList;
import java.util.List;

/** Sensitivity analysis: the pooled result with each study left out in turn (input order). */
public final class LeaveOneOut {

    private LeaveOneOut() {
    }

    public record Omitted(String study, MetaResult result) {
    }

    public static List<Omitted> binary(List<BinaryStudy> studies, Measure measure, MetaOptions options) {
        List<Omitted> out = new ArrayList<>(studies.size());
        for (int i = 0; i < studies.size(); i++) {
            List<BinaryStudy> rest = new ArrayList<>(studies);
            BinaryStudy left = rest.remove(i);
            if (left.isDoubleZero() && options.doubleZero() == DoubleZeroPolicy.DROP && options.method() != Method.MH) {
                continue; // never in the fit, so leaving it out changes nothing
            }
            out.add(new Omitted(left.study(), MetaAnalysis.binary(rest, measure, options)));
        }
        return out;
    }

    public static List<Omitted> fit(List<EffectSize> effects, Measure measure, MetaOptions options) {
        List<Omitted> out = new ArrayList<>(effects.size());
        for (int i = 0; i < effects.size(); i++) {
            List<EffectSize> rest = new ArrayList<>(effects);
            EffectSize left = rest.remove(i);
            out.add(new Omitted(left.study(), MetaAnalysis.fit(rest, measure, options)));
        }
        return out;
    }
}
