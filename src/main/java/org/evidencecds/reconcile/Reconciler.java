package org.evidencecds.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.OutcomeDefinition;
import org.evidencecds.evidence.ReportedEstimate;
import org.evidencecds.evidence.Vocabulary.EstimateKind;
import org.evidencecds.meta.Measure;
import org.evidencecds.meta.MetaResult;
import org.evidencecds.meta.Method;
import org.evidencecds.synthesis.Exclusion;
import org.evidencecds.synthesis.PooledFinding;
import org.evidencecds.synthesis.Slice;
import org.evidencecds.synthesis.Synthesis;
import org.evidencecds.synthesis.SynthesisOptions;

/**
 * Puts every reported estimate of a pack beside the value recomputed from the pack's study rows, with a
 * plain verdict. The pooling method follows the review's stated model when it names one; otherwise the
 * default method is used and the row says so.
 */
public final class Reconciler {

    private Reconciler() {
    }

    public static ReconciliationReport reconcile(EvidencePack pack, Method defaultMethod) {
        List<ReconciliationRow> rows = new ArrayList<>();
        for (ReportedEstimate e : pack.reportedEstimates()) {
            rows.add(row(pack, e, defaultMethod));
        }
        return new ReconciliationReport(pack.id(), pack.info().version(), pack.contentHash(), rows);
    }

    private static ReconciliationRow row(EvidencePack pack, ReportedEstimate e, Method defaultMethod) {
        String slice = e.isOverall() ? "overall" : e.dimension() + "/" + (e.level() != null ? e.level() : "(" + e.levelAsReported() + ")");
        ReconciliationRow.Numbers published = new ReconciliationRow.Numbers(e.estimate(), e.ciLow(), e.ciHigh(), e.k(), e.n());
        String measureName = e.measure() == null ? null : e.measure().name();
        List<String> reasons = new ArrayList<>();
        if (e.kind() == EstimateKind.DIRECTION_ONLY) {
            reasons.add("direction-only claim (" + e.direction().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + "): the source publishes no number to recompute");
        }
        if (e.outcome() == null) {
            reasons.add("the source names no outcome for this claim");
        }
        if (!e.isOverall() && e.level() == null) {
            reasons.add("the slice '" + e.levelAsReported() + "' has no published definition (no thresholds), so studies cannot be assigned to it");
        }
        if (!reasons.isEmpty()) {
            return new ReconciliationRow(e.id(), e.outcome(), slice, measureName, published, null, null, List.of(),
                    Verdict.NOT_RECOMPUTABLE, reasons, null);
        }
        OutcomeDefinition outcome = pack.outcome(e.outcome()).orElseThrow();
        Measure measure = Synthesis.measureOf(e.measure());
        MethodChoice choice = method(e.model(), defaultMethod, measure);
        Slice s = e.isOverall() ? Slice.OVERALL : new Slice(e.dimension(), e.level());
        PooledFinding finding = Synthesis.pool(pack, outcome.id(), s, measure, SynthesisOptions.defaults().withMethod(choice.method));
        String methodText = choice.method + " (" + choice.why + ")";
        if (!finding.isPooled()) {
            reasons.add("no complete " + String.join("/", pack.info().poolDesigns().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList())
                    + " study rows for " + outcome.id() + " in this slice");
            addExclusions(reasons, finding);
            reasons.addAll(finding.warnings());
            return new ReconciliationRow(e.id(), e.outcome(), slice, measureName, published, null, methodText, List.of(),
                    Verdict.NOT_RECOMPUTABLE, reasons, finding);
        }
        MetaResult r = finding.result();
        boolean ratio = measure.isRatio();
        ReconciliationRow.Numbers recomputed = new ReconciliationRow.Numbers(
                ratio ? r.ratio() : r.estimate(), ratio ? r.ratioCiLow() : r.ciLow(), ratio ? r.ratioCiHigh() : r.ciHigh(),
                finding.k(), finding.participants());
        boolean same = true;
        same &= compare("estimate", e.estimateText(), recomputed.estimate(), reasons);
        same &= compare("CI lower limit", e.ciLowText(), recomputed.ciLow(), reasons);
        same &= compare("CI upper limit", e.ciHighText(), recomputed.ciHigh(), reasons);
        if (e.k() != null && e.k() != finding.k()) {
            reasons.add("k differs: published " + e.k() + ", pooled " + finding.k());
            same = false;
        }
        if (e.n() != null && e.n() != finding.participants()) {
            reasons.add("n differs: published " + e.n() + ", pooled " + finding.participants());
            same = false;
        }
        if (e.k() == null) {
            reasons.add("published k not given; pooled " + finding.k() + " stud" + (finding.k() == 1 ? "y" : "ies") + " from this pack");
        }
        if (!choice.stated) {
            reasons.add("model " + (e.model() == null ? "not stated" : "stated as '" + e.model() + "' without an estimator")
                    + "; recomputed with " + choice.method);
        }
        addExclusions(reasons, finding);
        reasons.addAll(finding.warnings());
        return new ReconciliationRow(e.id(), e.outcome(), slice, measureName, published, recomputed, methodText,
                finding.studies(), same ? Verdict.REPRODUCED : Verdict.DIFFERS, reasons, finding);
    }

    private static void addExclusions(List<String> reasons, PooledFinding finding) {
        for (Exclusion x : finding.exclusions()) {
            reasons.add("not pooled: " + x.rowId() + " (" + x.reason() + ")");
        }
    }

    /**
     * Equal within rounding: the recomputed value rounded half-up to the printed number of decimals equals
     * the printed value. A value that was not published is not compared.
     */
    static boolean compare(String what, String printed, Double recomputed, List<String> reasons) {
        if (printed == null) {
            return true;
        }
        BigDecimal published = new BigDecimal(printed);
        int decimals = Math.max(0, published.scale());
        BigDecimal rounded = BigDecimal.valueOf(recomputed).setScale(decimals, java.math.RoundingMode.HALF_UP);
        if (rounded.compareTo(published) == 0) {
            return true;
        }
        reasons.add(what + " differs: published " + printed + ", recomputed " + rounded.toPlainString()
                + " (" + String.format(Locale.ROOT, "%.6g", recomputed) + ")");
        return false;
    }

    private record MethodChoice(Method method, boolean stated, String why) {
    }

    /** The estimator named by the review's model text, else the default. */
    static MethodChoice method(String model, Method defaultMethod, Measure measure) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        if (m.contains("dersimonian") || m.matches(".*\\bdl\\b.*")) {
            return new MethodChoice(Method.DL, true, "as stated: " + model);
        }
        if (m.contains("reml") || m.contains("restricted maximum")) {
            return new MethodChoice(Method.REML, true, "as stated: " + model);
        }
        if (m.contains("paule")) {
            return new MethodChoice(Method.PM, true, "as stated: " + model);
        }
        if (m.contains("mantel") && measure.isBinary()) {
            return new MethodChoice(Method.MH, true, "as stated: " + model);
        }
        if (m.contains("fixed") || m.contains("common-effect") || m.contains("common effect")) {
            return new MethodChoice(Method.FE, true, "as stated: " + model);
        }
        return new MethodChoice(defaultMethod, false, model == null ? "model not stated; default" : "estimator not stated; default");
    }
}
