package org.evidencecds.certainty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Source;
import org.evidencecds.evidence.Study;
import org.evidencecds.evidence.StudyOutcome;
import org.evidencecds.evidence.Vocabulary.Access;
import org.evidencecds.evidence.Vocabulary.RiskOfBias;
import org.evidencecds.findings.EffectText;
import org.evidencecds.findings.Finding;
import org.evidencecds.meta.BinaryStudy;
import org.evidencecds.meta.Egger;
import org.evidencecds.meta.EffectSize;
import org.evidencecds.meta.MetaResult;
import org.evidencecds.meta.SmallStudyTests;
import org.evidencecds.synthesis.PooledFinding;
import org.evidencecds.synthesis.Synthesis;

/** Risk of bias, inconsistency and publication bias of one finding (indirectness and imprecision have classes of their own). */
final class Domains {

    private final EvidencePack pack;
    private final Thresholds t;

    Domains(EvidencePack pack, Thresholds t) {
        this.pack = pack;
        this.t = t;
    }

    Certainty.Domain riskOfBias(Finding f, PooledFinding pooled) {
        String name = "Risk of bias";
        if (pooled == null) {
            Source review = pack.source(f.sourceKey()).orElseThrow();
            return new Certainty.Domain("RiskOfBias", name, Certainty.Judgement.NOT_ASSESSABLE,
                    review.access() == Access.FULL_TEXT ? "the review's risk-of-bias ratings are not recorded in this pack"
                            : "the review's risk-of-bias ratings are not available (" + review.shortCitation() + " could be read only as "
                            + access(review) + ")");
        }
        int unknown = 0;
        double low = 0;
        double all = 0;
        for (String studyId : pooled.studies()) {
            Study s = pack.study(studyId).orElseThrow();
            double n = (s.nT() == null ? 0 : s.nT()) + (s.nC() == null ? 0 : s.nC());
            all += n;
            if (s.riskOfBias() == null) {
                unknown++;
            } else if (s.riskOfBias() == RiskOfBias.LOW) {
                low += n;
            }
        }
        if (unknown > 0) {
            return new Certainty.Domain("RiskOfBias", name, Certainty.Judgement.NOT_ASSESSABLE,
                    "risk of bias is not reported for " + unknown + " of " + pooled.k() + " studies");
        }
        double share = all == 0 ? 0 : low / all;
        return share >= t.riskOfBiasLowShare()
                ? new Certainty.Domain("RiskOfBias", name, Certainty.Judgement.NO_CONCERN,
                percent(share) + " of participants are in trials at low risk of bias")
                : new Certainty.Domain("RiskOfBias", name, Certainty.Judgement.SERIOUS,
                "only " + percent(share) + " of participants are in trials at low risk of bias (needs " + percent(t.riskOfBiasLowShare()) + ")");
    }

    Certainty.Domain inconsistency(Finding f, PooledFinding pooled) {
        String name = "Inconsistency";
        Integer k = pooled != null ? Integer.valueOf(pooled.k()) : f.k();
        if (k != null && k == 1) {
            return new Certainty.Domain("Inconsistency", name, Certainty.Judgement.NO_CONCERN, "a single study: no between-study inconsistency");
        }
        Double i2 = pooled != null ? finite(pooled.result().i2FromQ()) : f.i2();
        if (i2 == null) {
            return new Certainty.Domain("Inconsistency", name, Certainty.Judgement.NOT_ASSESSABLE, "I² is not reported");
        }
        Boolean piCrosses = null;
        String pi = "";
        if (pooled != null && Double.isFinite(pooled.result().piLow())) {
            MetaResult r = pooled.result();
            double none = 0.0;
            piCrosses = r.piLow() < none && r.piHigh() > none;
            pi = " and the 95% prediction interval " + (piCrosses ? "crosses" : "does not cross") + " no effect";
        }
        String i2Text = "I² = " + Math.round(i2) + "%";
        if (i2 >= t.inconsistencyI2VerySerious() && Boolean.TRUE.equals(piCrosses)) {
            return new Certainty.Domain("Inconsistency", name, Certainty.Judgement.VERY_SERIOUS, i2Text + pi);
        }
        if (i2 >= t.inconsistencyI2Serious() || Boolean.TRUE.equals(piCrosses)) {
            return new Certainty.Domain("Inconsistency", name, Certainty.Judgement.SERIOUS, i2Text + pi);
        }
        return new Certainty.Domain("Inconsistency", name, Certainty.Judgement.NO_CONCERN, i2Text + pi);
    }

    /**
     * Small-study effects: Peters' test for binary outcomes (regression of ln OR on 1/N weighted by S·F/N,
     * Peters et al. JAMA 2006; it does not share the correlation between ln OR and its standard error
     * that makes Egger's test over-reject for odds ratios), Egger's test for continuous ones, and only from
     * 10 studies (Sterne et al. BMJ 2011). When no test is possible, GRADE does not rate down for
     * publication bias, so "not assessable" here does not stop the level from being rated.
     */
    Certainty.Domain publicationBias(Finding f, PooledFinding pooled) {
        String name = "Publication bias";
        String noDowngrade = "; not rated down, as GRADE does when no test is possible";
        Integer k = pooled != null ? Integer.valueOf(pooled.k()) : f.k();
        if (k == null) {
            return new Certainty.Domain("PublicationBias", name, Certainty.Judgement.NOT_ASSESSABLE,
                    "the number of studies is not reported, so small-study effects cannot be assessed" + noDowngrade);
        }
        if (k < t.publicationBiasMinStudies()) {
            return new Certainty.Domain("PublicationBias", name, Certainty.Judgement.NOT_ASSESSABLE,
                    "cannot be tested with " + k + " stud" + (k == 1 ? "y" : "ies") + " (a funnel-plot test needs at least "
                            + EffectText.plain(t.publicationBiasMinStudies()) + ")" + noDowngrade);
        }
        if (pooled == null) {
            return new Certainty.Domain("PublicationBias", name, Certainty.Judgement.NOT_ASSESSABLE,
                    "study-level data are not available for a funnel-plot test" + noDowngrade);
        }
        double p;
        String test = pooled.measure().isRatio() ? "Peters' test" : "Egger's test";
        try {
            if (pooled.measure().isRatio()) {
                List<BinaryStudy> studies = new ArrayList<>();
                for (String rowId : pooled.rowIds()) {
                    StudyOutcome r = pack.studyOutcome(rowId).orElseThrow();
                    studies.add(new BinaryStudy(r.study(), r.eventsT(), r.totalT(), r.eventsC(), r.totalC()));
                }
                p = SmallStudyTests.peters(studies).pValue();
            } else {
                List<EffectSize> effects = new ArrayList<>();
                for (String rowId : pooled.rowIds()) {
                    effects.add(Synthesis.effectSize(pack.studyOutcome(rowId).orElseThrow(), pooled.measure()));
                }
                p = Egger.classic(effects).pValue();
            }
        } catch (IllegalArgumentException e) {
            p = Double.NaN;
        }
        if (Double.isNaN(p)) {
            // equal study sizes or precisions: a regression on size or precision has nothing to regress on
            return new Certainty.Domain("PublicationBias", name, Certainty.Judgement.NOT_ASSESSABLE,
                    test + " is not possible: the studies do not differ in size or precision" + noDowngrade);
        }
        String result = test + " p = " + EffectText.pValue(p) + " (" + k + " studies)";
        return p < t.eggerP()
                ? new Certainty.Domain("PublicationBias", name, Certainty.Judgement.SERIOUS, result + " suggests small-study effects")
                : new Certainty.Domain("PublicationBias", name, Certainty.Judgement.NO_CONCERN, result);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String access(Source s) {
        return s.access() == null ? "partial text" : switch (s.access()) {
            case FULL_TEXT -> "full text";
            case ABSTRACT_ONLY -> "its abstract";
            case PARTIAL -> "part of its text";
            case TABLE_ONLY -> "a table";
            case SECONDARY -> "a secondary source";
        };
    }

    static String percent(double share) {
        return share < 0.1 && share > 0 ? String.format(Locale.ROOT, "%.1f%%", share * 100) : Math.round(share * 100) + "%";
    }
}
