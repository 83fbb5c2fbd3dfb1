package org.evidencecds.certainty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.ReportedEstimate;
import org.evidencecds.evidence.Source;
import org.evidencecds.evidence.Study;
import org.evidencecds.evidence.StudyOutcome;
import org.evidencecds.evidence.Vocabulary.Access;
import org.evidencecds.evidence.Vocabulary.Design;
import org.evidencecds.evidence.Vocabulary.DimensionKind;
import org.evidencecds.evidence.Vocabulary.RiskOfBias;
import org.evidencecds.findings.Finding;
import org.evidencecds.meta.Egger;
import org.evidencecds.meta.EffectSize;
import org.evidencecds.meta.MetaResult;
import org.evidencecds.synthesis.PooledFinding;
import org.evidencecds.synthesis.Slice;
import org.evidencecds.synthesis.Synthesis;
import org.evidencecds.synthesis.SynthesisOptions;

/**
 * Rates each finding's certainty (GRADE domains, from what the finding has) and each subgroup finding's
 * credibility (ICEMAN for meta-analyses). Data-driven: a domain the data cannot support is "not
 * assessable" with the reason, never "no concern" by default. Thresholds: {@link Thresholds}.
 */
public final class Assessor {

    /** Certainty of every finding, and credibility of every subgroup finding. */
    public record Assessment(Certainty certainty, Credibility credibility) {
    }

    private final EvidencePack pack;
    private final Thresholds t;
    private final int modifiersTested;

    public Assessor(EvidencePack pack) {
        this.pack = pack;
        this.t = Thresholds.withOverrides(pack.info().certaintyThresholds());
        Set<String> modifiers = new LinkedHashSet<>();
        // follow-up times are not effect modifiers
        pack.reportedEstimates().stream().filter(e -> e.dimension() != null)
                .filter(e -> pack.dimension(e.dimension()).map(d -> !d.timepoint()).orElse(true)).forEach(e -> modifiers.add(e.dimension()));
        this.modifiersTested = modifiers.size();
    }

    public Thresholds thresholds() {
        return t;
    }

    public Map<String, Assessment> assessAll(List<Finding> findings) {
        Map<String, Assessment> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            boolean subgroup = f.role() != Finding.Role.OVERALL && f.role() != Finding.Role.TIMEPOINT;
            out.put(f.id(), new Assessment(certainty(f), subgroup ? credibility(f) : null));
        }
        return out;
    }

    // ---- GRADE certainty ---------------------------------------------------------------------------------

    public Certainty certainty(Finding f) {
        if (!f.isNumeric()) {
            return new Certainty(null, false, List.of(), "The review reports a direction only ("
                    + f.direction() + "): without an estimate or confidence interval its certainty cannot be rated.",
                    "not rated (direction-only claim)");
        }
        PooledFinding pooled = f.origin() == Finding.Origin.RECOMPUTED
                ? Synthesis.pool(pack, f.outcome(), f.dimension() == null ? Slice.OVERALL : new Slice(f.dimension(), f.level()),
                Synthesis.measureOf(org.evidencecds.evidence.Vocabulary.EffectMeasure.valueOf(f.measure())), SynthesisOptions.defaults())
                : null;
        List<Certainty.Domain> domains = List.of(riskOfBias(f, pooled), inconsistency(f, pooled), indirectness(f),
                imprecision(f, pooled), publicationBias(f, pooled));
        boolean randomised = pack.info().poolDesigns().stream().allMatch(d -> d == Design.RCT);
        Certainty.Level start = randomised ? Certainty.Level.HIGH : Certainty.Level.LOW;
        int down = domains.stream().mapToInt(d -> d.judgement().downgrade()).sum();
        Certainty.Level level = start.down(down);
        List<String> notAssessable = domains.stream().filter(d -> d.judgement() == Certainty.Judgement.NOT_ASSESSABLE)
                .map(d -> d.name().toLowerCase(Locale.ROOT)).toList();
        boolean upperBound = !notAssessable.isEmpty();
        String summary = (upperBound ? "not fully rated, " + level.words() + " at most" : level.words()) + " (start " + start.words()
                + (randomised ? ": randomised trials" : ": not only randomised trials") + (down > 0 ? ", rated down " + down : "")
                + (upperBound ? "; not assessable: " + String.join(", ", notAssessable) : "") + ")";
        return new Certainty(level, upperBound, domains, statement(f, level, upperBound, notAssessable), summary);
    }

    private Certainty.Domain riskOfBias(Finding f, PooledFinding pooled) {
        String name = "Risk of bias";
        if (pooled == null) {
            Source review = pack.source(f.sourceKey()).orElseThrow();
            return new Certainty.Domain("RiskOfBias", name, Certainty.Judgement.NOT_ASSESSABLE,
                    review.access() == Access.FULL_TEXT ? "the review's risk-of-bias ratings are not recorded in this pack"
                            : "the review's risk-of-bias ratings are not available (the review could be read as " + access(review).replace('-', ' ') + ")");
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

    private Certainty.Domain inconsistency(Finding f, PooledFinding pooled) {
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

    private Certainty.Domain indirectness(Finding f) {
        return new Certainty.Domain("Indirectness", "Indirectness", Certainty.Judgement.NO_CONCERN,
                "the evidence is about " + (pack.info().population() == null ? "the pack's population" : pack.info().population())
                        + " and the outcome as the engine reports it; a patient outside the range the evidence covers is flagged for that patient");
    }

    private Certainty.Domain imprecision(Finding f, PooledFinding pooled) {
        String name = "Imprecision";
        if (f.ciLow() == null) {
            return new Certainty.Domain("Imprecision", name, Certainty.Judgement.NOT_ASSESSABLE, "no confidence interval is published");
        }
        boolean ratio = "OR".equals(f.measure()) || "RR".equals(f.measure());
        double none = ratio ? 1.0 : 0.0;
        String ci = "the 95% CI " + num(f.ciLow()) + " to " + num(f.ciHigh());
        if (f.ciLow() < none && f.ciHigh() > none) {
            if (ratio && f.ciLow() < 1 / t.appreciableBenefitRatio() && f.ciHigh() > t.appreciableBenefitRatio()) {
                return new Certainty.Domain("Imprecision", name, Certainty.Judgement.VERY_SERIOUS,
                        ci + " includes both appreciable benefit and appreciable harm (" + f.measure() + " below "
                                + num(1 / t.appreciableBenefitRatio()) + " and above " + num(t.appreciableBenefitRatio()) + ")");
            }
            return new Certainty.Domain("Imprecision", name, Certainty.Judgement.SERIOUS, ci + " includes no effect (" + num(none) + ")");
        }
        String excludes = ci + " excludes no effect";
        if (ratio) {
            Double controlRisk = pooled == null ? null : controlRisk(pooled);
            if (pooled == null || controlRisk == null) {
                return new Certainty.Domain("Imprecision", name, Certainty.Judgement.NOT_ASSESSABLE, excludes
                        + ", but the sample cannot be compared with the optimal information size ("
                        + (f.n() == null ? "participants and control risk not reported" : "control risk not reported") + ")");
            }
            long ois = optimalInformationSize(controlRisk, "higher".equals(f.benefit()));
            int n = pooled.participants();
            String why = excludes + "; " + n + " participants vs an optimal information size of " + ois + " (control risk "
                    + percent(controlRisk) + ", relative change " + percent(t.oisRelativeRiskReduction()) + ", alpha "
                    + num(t.oisAlpha()) + ", power " + num(t.oisPower()) + ")";
            return new Certainty.Domain("Imprecision", name, n < ois ? Certainty.Judgement.SERIOUS : Certainty.Judgement.NO_CONCERN, why);
        }
        Integer n = pooled != null ? Integer.valueOf(pooled.participants()) : f.n();
        if (n == null) {
            return new Certainty.Domain("Imprecision", name, Certainty.Judgement.NOT_ASSESSABLE,
                    excludes + ", but the number of participants is not reported");
        }
        String why = excludes + "; " + n + " participants";
        if (n < t.continuousParticipantsVerySerious()) {
            return new Certainty.Domain("Imprecision", name, Certainty.Judgement.VERY_SERIOUS, why + " (fewer than " + num(t.continuousParticipantsVerySerious()) + ")");
        }
        if (n < t.continuousParticipantsSerious()) {
            return new Certainty.Domain("Imprecision", name, Certainty.Judgement.SERIOUS, why + " (fewer than " + num(t.continuousParticipantsSerious()) + ")");
        }
        return new Certainty.Domain("Imprecision", name, Certainty.Judgement.NO_CONCERN, why);
    }

    private Certainty.Domain publicationBias(Finding f, PooledFinding pooled) {
        String name = "Publication bias";
        Integer k = pooled != null ? Integer.valueOf(pooled.k()) : f.k();
        if (k == null) {
            return new Certainty.Domain("PublicationBias", name, Certainty.Judgement.NOT_ASSESSABLE,
                    "the number of studies is not reported, so small-study effects cannot be assessed");
        }
        if (k < t.publicationBiasMinStudies()) {
            return new Certainty.Domain("PublicationBias", name, Certainty.Judgement.NOT_ASSESSABLE,
                    "cannot be assessed with " + k + " stud" + (k == 1 ? "y" : "ies") + " (Egger's test needs at least "
                            + num(t.publicationBiasMinStudies()) + ")");
        }
        if (pooled == null) {
            return new Certainty.Domain("PublicationBias", name, Certainty.Judgement.NOT_ASSESSABLE,
                    "study-level data are not available for Egger's test");
        }
        List<EffectSize> effects = new ArrayList<>();
        for (String rowId : pooled.rowIds()) {
            effects.add(Synthesis.effectSize(pack.studyOutcome(rowId).orElseThrow(), pooled.measure()));
        }
        double p = Egger.classic(effects).pValue();
        return p < t.eggerP()
                ? new Certainty.Domain("PublicationBias", name, Certainty.Judgement.SERIOUS, "Egger's test p = " + num(p) + " suggests small-study effects")
                : new Certainty.Domain("PublicationBias", name, Certainty.Judgement.NO_CONCERN, "Egger's test p = " + num(p) + " (" + k + " studies)");
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

    /**
     * GRADE guidelines 26 (Santesso et al. 2020) wording by certainty level ("increases", "probably",
     * "may", "very uncertain"). When a domain could not be rated, the level is only an upper bound, so the
     * statement reports what the review found without a certainty verb, and says what could not be rated.
     */
    private String statement(Finding f, Certainty.Level level, boolean upperBound, List<String> notAssessable) {
        boolean ratio = "OR".equals(f.measure()) || "RR".equals(f.measure());
        double none = ratio ? 1.0 : 0.0;
        // a number the source reports with the reversed sign (a fall as a positive reduction) is read its way
        boolean reversed = f.outcome() != null && pack.outcome(f.outcome())
                .map(o -> !o.benefit().name().equalsIgnoreCase(f.benefit())).orElse(false);
        boolean up = (f.estimate() > none) != reversed;
        boolean includesNoEffect = f.ciLow() != null && f.ciLow() < none && f.ciHigh() > none;
        String outcome = f.outcomeName() == null ? "the outcome" : f.outcomeName().toLowerCase(Locale.ROOT);
        String who = f.role() == Finding.Role.OVERALL ? "" : " in " + (f.levelLabel() != null ? f.levelLabel() : f.levelAsReported());
        String verb = up ? "increase" : "reduce";
        String numbers = f.measure() + " " + num(f.estimate()) + (f.ciLow() == null ? "" : ", 95% CI " + num(f.ciLow()) + " to " + num(f.ciHigh()));
        if (upperBound) {
            return (f.origin() == Finding.Origin.RECOMPUTED ? "Pooled here, cell therapy " : "The review found that cell therapy ")
                    + (includesNoEffect ? "made no clear difference to " : up ? "increased " : "reduced ") + outcome + who + " (" + numbers
                    + (includesNoEffect ? "; the confidence interval includes no effect" : "") + "), but the certainty of this evidence "
                    + "could not be rated: " + String.join(", ", notAssessable) + " could not be assessed (at most " + level.words() + ").";
        }
        String s = switch (level) {
            case HIGH -> "Cell therapy " + verb + "s " + outcome + who + " (" + numbers + ").";
            case MODERATE -> "Cell therapy probably " + verb + "s " + outcome + who + " (" + numbers + ").";
            case LOW -> "Cell therapy may " + verb + " " + outcome + who + " (" + numbers + ").";
            case VERY_LOW -> "The evidence is very uncertain about the effect of cell therapy on " + outcome + who + " (" + numbers + ").";
        };
        if (includesNoEffect && level != Certainty.Level.VERY_LOW) {
            s += " The confidence interval includes no effect.";
        }
        return s;
    }

    // ---- ICEMAN credibility ----------------------------------------------------------------------------

    public Credibility credibility(Finding f) {
        List<Credibility.Item> items = new ArrayList<>();
        ReportedEstimate e = f.reportedEstimateId() == null ? null
                : pack.reportedEstimates().stream().filter(x -> x.id().equals(f.reportedEstimateId())).findFirst().orElse(null);
        String comparison = e == null ? "between-trial" : e.comparison();
        items.add(new Credibility.Item("Is the effect modification based on a within-trial rather than a between-trial comparison?",
                "within-trial".equals(comparison) ? Credibility.Response.SUPPORTS : Credibility.Response.REDUCES,
                "within-trial".equals(comparison) ? "within-trial comparison, as the source reports"
                        : "a comparison across trials (aggregate-data subgroup analysis): open to study-level confounding"));
        Integer k = f.k();
        items.add(new Credibility.Item("Do enough trials inform the subgroup?",
                k == null ? Credibility.Response.UNCLEAR : k >= t.icemanMinTrialsPerLevel() ? Credibility.Response.SUPPORTS : Credibility.Response.REDUCES,
                k == null ? "the number of trials in the subgroup is not reported"
                        : k + " trial" + (k == 1 ? "" : "s") + " (rule of thumb: at least " + num(t.icemanMinTrialsPerLevel()) + ")"));
        Dimension d = f.dimension() == null ? null : pack.dimension(f.dimension()).orElse(null);
        Dimension.Apriori apriori = d == null ? null : d.apriori();
        boolean hypothesised = apriori != null && apriori.level().equals(f.level());
        items.add(new Credibility.Item("Was the direction of the effect modification hypothesised a priori?",
                hypothesised ? Credibility.Response.SUPPORTS : Credibility.Response.UNCLEAR,
                hypothesised ? "hypothesised before the analysis (" + apriori.source() + ", " + apriori.locator() + ")"
                        : "no a priori hypothesis with a direction is documented"));
        Double p = e == null ? null : pValue(e.pInteraction());
        Credibility.Response pResponse = p == null ? Credibility.Response.UNCLEAR
                : p >= t.icemanInteractionP() ? Credibility.Response.REDUCES
                : p < 0.01 ? Credibility.Response.SUPPORTS : Credibility.Response.UNCLEAR;
        items.add(new Credibility.Item("Does the test for subgroup differences make chance an unlikely explanation?", pResponse,
                p == null ? "no test for subgroup differences is reported" : "test for subgroup differences p " + e.pInteraction()));
        items.add(new Credibility.Item("Was only a small number of effect modifiers tested?",
                modifiersTested <= t.icemanMaxModifiers() ? Credibility.Response.SUPPORTS : Credibility.Response.REDUCES,
                modifiersTested + " effect modifier" + (modifiersTested == 1 ? "" : "s") + " reported by the review (small: at most "
                        + num(t.icemanMaxModifiers()) + ")"));
        if (d != null && d.kind() == DimensionKind.NUMERIC) {
            boolean justified = hypothesised;
            items.add(new Credibility.Item("Is a continuous modifier analysed without an arbitrary cut-point?",
                    justified ? Credibility.Response.SUPPORTS : Credibility.Response.UNCLEAR,
                    justified ? "the cut-point was set in the a priori hypothesis" : "a continuous variable cut at a point not justified in advance"));
        }
        long reducing = items.stream().filter(i -> i.response() != Credibility.Response.SUPPORTS).count();
        Credibility.Level level = reducing == 0 ? Credibility.Level.HIGH : reducing == 1 ? Credibility.Level.MODERATE
                : reducing <= 3 ? Credibility.Level.LOW : Credibility.Level.VERY_LOW;
        boolean capped = false;
        if ((p == null || p >= t.icemanInteractionP()) && level.atLeast(Credibility.Level.MODERATE)) {
            level = Credibility.Level.LOW;
            capped = true;
        }
        List<String> against = items.stream().filter(i -> i.response() != Credibility.Response.SUPPORTS).map(Credibility.Item::reason).toList();
        String summary = level.words() + (against.isEmpty() ? "" : ": " + String.join("; ", against))
                + (capped ? " (low at most without a test for subgroup differences with p < " + num(t.icemanInteractionP()) + ")" : "");
        return new Credibility(level, items, summary);
    }

    static Double pValue(String printed) {
        if (printed == null) {
            return null;
        }
        String s = printed.replaceAll("[<>=\\s]", "");
        double v = Double.parseDouble(s);
        return printed.trim().startsWith("<") ? Math.nextDown(v) : v;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String access(Source s) {
        return s.access() == null ? "partial" : s.access().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String percent(double share) {
        return share < 0.1 && share > 0 ? String.format(Locale.ROOT, "%.1f%%", share * 100) : Math.round(share * 100) + "%";
    }

    static String num(double d) {
        return new java.math.BigDecimal(Double.toString(d)).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

}
