package org.evidencecds.certainty;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Mid;
import org.evidencecds.evidence.OutcomeDefinition;
import org.evidencecds.evidence.StudyOutcome;
import org.evidencecds.findings.EffectText;
import org.evidencecds.findings.Finding;
import org.evidencecds.synthesis.PooledFinding;

/**
 * Imprecision (GRADE guidelines 6, updated by GRADE 34/35): the confidence interval against thresholds of
 * appreciable effect, then the sample against the optimal information size (OIS).
 * <ul>
 * <li>Ratio measures: a CI including both appreciable benefit and appreciable harm (below 0.75 and above
 *     1.25) rates down twice, one including no effect once; a CI excluding no effect is checked against
 *     the OIS of a trial powered for the pack's relative change, which needs the control-group risk.</li>
 * <li>Mean differences: against the outcome's minimal important difference (MID) when the pack gives one
 *     with its source (CI crossing both −MID and +MID: twice; crossing the MID or no effect: once), with
 *     the participants against Pollock's thresholds as the OIS; without a MID a CI including no effect is
 *     still imprecise, but whether a CI excluding it holds only important effects, and whether the sample
 *     is large enough, cannot be judged: not assessable.</li>
 * </ul>
 */
final class Imprecision {

    private static final String CODE = "Imprecision";

    private final EvidencePack pack;
    private final Thresholds t;

    Imprecision(EvidencePack pack, Thresholds t) {
        this.pack = pack;
        this.t = t;
    }

    Certainty.Domain judge(Finding f, PooledFinding pooled) {
        if (f.ciLow() == null) {
            return domain(Certainty.Judgement.NOT_ASSESSABLE, "no confidence interval is published");
        }
        boolean ratio = "OR".equals(f.measure()) || "RR".equals(f.measure());
        return ratio ? ratio(f, pooled) : continuous(f, pooled);
    }

    private Certainty.Domain ratio(Finding f, PooledFinding pooled) {
        String ci = "the " + EffectText.interval(f);
        double low = t.appreciableRatioLow();
        double high = t.appreciableRatioHigh();
        if (f.ciLow() <= 1 && f.ciHigh() >= 1) {
            if (f.ciLow() < low && f.ciHigh() > high) {
                return domain(Certainty.Judgement.VERY_SERIOUS, ci + " includes both appreciable benefit and appreciable harm ("
                        + f.measure() + " below " + EffectText.plain(low) + " and above " + EffectText.plain(high) + ")");
            }
            return domain(Certainty.Judgement.SERIOUS, ci + " includes no effect (1)");
        }
        String excludes = ci + " excludes no effect";
        Double controlRisk = pooled == null ? null : controlRisk(pooled);
        if (controlRisk == null) {
            return domain(Certainty.Judgement.NOT_ASSESSABLE, excludes + ", but the sample cannot be compared with the optimal information size ("
                    + (f.n() == null ? "participants and control-group risk not reported" : "control-group risk not reported") + ")");
        }
        long ois = optimalInformationSize(controlRisk, "higher".equals(f.benefit()));
        int n = pooled.participants();
        String why = excludes + "; " + n + " participants vs an optimal information size of " + ois + " (control risk "
                + Domains.percent(controlRisk) + ", relative change " + Domains.percent(t.oisRelativeRiskReduction()) + ", alpha "
                + EffectText.plain(t.oisAlpha()) + ", power " + EffectText.plain(t.oisPower()) + ")";
        return domain(n < ois ? Certainty.Judgement.SERIOUS : Certainty.Judgement.NO_CONCERN, why);
    }

    private Certainty.Domain continuous(Finding f, PooledFinding pooled) {
        String ci = "the " + EffectText.interval(f);
        OutcomeDefinition outcome = f.outcome() == null ? null : pack.outcome(f.outcome()).orElse(null);
        Mid mid = outcome == null || !"MD".equals(f.measure()) ? null : outcome.mid();
        boolean includesNone = f.ciLow() <= 0 && f.ciHigh() >= 0;
        if (mid == null) {
            if (includesNone) {
                return domain(Certainty.Judgement.SERIOUS, ci + " includes no effect (0); no minimal important difference is given, "
                        + "so whether it also includes important harm cannot be judged");
            }
            return domain(Certainty.Judgement.NOT_ASSESSABLE, ci + " excludes no effect, but no minimal important difference is given for "
                    + (outcome == null ? "this outcome" : outcome.phrase()) + ", so whether it holds only important effects, and whether the "
                    + "sample reaches the optimal information size, cannot be judged");
        }
        double m = Math.abs(mid.value());
        String midText = "the minimal important difference of " + EffectText.number(mid.valueText(), mid.value()) + " "
                + EffectText.unit("MD", f.unit()) + " (" + pack.source(mid.source()).map(s -> s.shortCitation()).orElse(mid.source())
                + ", " + mid.locator() + ")";
        if (f.ciLow() < -m && f.ciHigh() > m) {
            return domain(Certainty.Judgement.VERY_SERIOUS, ci + " includes important effects in both directions (beyond ±"
                    + EffectText.number(mid.valueText(), m) + ", " + midText + ")");
        }
        boolean crossesMid = (f.ciLow() < m && f.ciHigh() > m) || (f.ciLow() < -m && f.ciHigh() > -m);
        if (includesNone || crossesMid) {
            return domain(Certainty.Judgement.SERIOUS, ci + (includesNone ? " includes no effect" : " includes effects smaller than "
                    + midText) + (includesNone ? " (" + midText + ")" : ""));
        }
        Integer n = pooled != null ? Integer.valueOf(pooled.participants()) : f.n();
        String beyond = ci + " lies beyond " + midText;
        if (n == null) {
            return domain(Certainty.Judgement.NOT_ASSESSABLE, beyond + ", but the number of participants is not reported");
        }
        String why = beyond + "; " + n + " participants";
        if (n < t.continuousParticipantsVerySerious()) {
            return domain(Certainty.Judgement.VERY_SERIOUS, why + " (fewer than " + EffectText.plain(t.continuousParticipantsVerySerious()) + ")");
        }
        if (n < t.continuousParticipantsSerious()) {
            return domain(Certainty.Judgement.SERIOUS, why + " (fewer than " + EffectText.plain(t.continuousParticipantsSerious()) + ")");
        }
        return domain(Certainty.Judgement.NO_CONCERN, why);
    }

    private static Certainty.Domain domain(Certainty.Judgement j, String reason) {
        return new Certainty.Domain(CODE, "Imprecision", j, reason);
    }

    /** Total participants of one trial powered to detect the relative change (two-proportion z test). */
    long optimalInformationSize(double controlRisk, boolean benefitIsHigher) {
        NormalDistribution z = new NormalDistribution();
        double p1 = controlRisk;
        double p2 = benefitIsHigher ? Math.min(0.999, controlRisk * (1 + t.oisRelativeRiskReduction()))
                : controlRisk * (1 - t.oisRelativeRiskReduction());
        double pBar = (p1 + p2) / 2;
        double za = z.inverseCumulativeProbability(1 - t.oisAlpha() / 2);
        double zb = z.inverseCumulativeProbability(t.oisPower());
        double perArm = Math.pow(za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)), 2)
                / Math.pow(p1 - p2, 2);
        return 2 * (long) Math.ceil(perArm);
    }

    private Double controlRisk(PooledFinding pooled) {
        int events = 0;
        int total = 0;
        for (String rowId : pooled.rowIds()) {
            StudyOutcome r = pack.studyOutcome(rowId).orElseThrow();
            if (r.eventsC() == null) {
                return null;
            }
            events += r.eventsC();
            total += r.totalC();
        }
        return total == 0 || events == 0 ? null : (double) events / total;
    }
}
