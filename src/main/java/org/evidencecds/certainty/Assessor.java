package org.evidencecds.certainty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.OutcomeDefinition;
import org.evidencecds.evidence.Source;
import org.evidencecds.evidence.StatedDesigns;
import org.evidencecds.evidence.Study;
import org.evidencecds.evidence.Vocabulary.Comparator;
import org.evidencecds.evidence.Vocabulary.Design;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;
import org.evidencecds.findings.EffectText;
import org.evidencecds.findings.Finding;
import org.evidencecds.synthesis.PooledFinding;
import org.evidencecds.synthesis.Slice;
import org.evidencecds.synthesis.Synthesis;
import org.evidencecds.synthesis.SynthesisOptions;

/**
 * Rates each finding's certainty (GRADE, per finding: its own starting level and domains) and each
 * effect-modification finding's credibility (ICEMAN for meta-analyses). Data-driven: a domain the data
 * cannot support is "not assessable" with the reason, never "no concern" by default, and a level that
 * depends on such a domain is not given at all ("not rated"). Thresholds: {@link Thresholds}.
 */
public final class Assessor {

    /** Certainty of every finding, and credibility of every effect-modification finding (null otherwise). */
    public record Assessment(Certainty certainty, Credibility credibility) {
    }

    /** The domains a rating needs: when one of them cannot be assessed, the level is not given. */
    private static final List<String> CORE_DOMAINS = List.of("RiskOfBias", "Inconsistency", "Indirectness", "Imprecision");

    private final EvidencePack pack;
    private final Thresholds t;
    private final Domains domains;

    public Assessor(EvidencePack pack) {
        this.pack = pack;
        this.t = Thresholds.withOverrides(pack.info().certaintyThresholds());
        this.domains = new Domains(pack, t);
    }

    public Thresholds thresholds() {
        return t;
    }

    public Map<String, Assessment> assessAll(List<Finding> all) {
        CredibilityRater iceman = new CredibilityRater(pack, t, List.copyOf(all));
        Map<String, Assessment> out = new LinkedHashMap<>();
        for (Finding f : all) {
            out.put(f.id(), new Assessment(certainty(f), f.isEffectModification() ? iceman.rate(f) : null));
        }
        return out;
    }

    // ---- GRADE certainty ---------------------------------------------------------------------------------

    public Certainty certainty(Finding f) {
        if (!f.isNumeric()) {
            String why = "a direction-only claim (" + org.evidencecds.findings.EffectText.direction(f.direction())
                    + ") has no estimate or confidence interval to rate";
            return new Certainty(null, false, null, new Certainty.Start(null, why), List.of(), why,
                    "The source reports a direction only: without an estimate or confidence interval its certainty cannot be rated.",
                    "Not rated: " + why);
        }
        PooledFinding pooled = f.origin() == Finding.Origin.RECOMPUTED
                ? Synthesis.pool(pack, f.outcome(), f.dimension() == null ? Slice.OVERALL : new Slice(f.dimension(), f.level()),
                Synthesis.measureOf(org.evidencecds.evidence.Vocabulary.EffectMeasure.valueOf(f.measure())), SynthesisOptions.defaults())
                : null;
        Certainty.Start start = start(f, pooled);
        List<Certainty.Domain> rated = List.of(domains.riskOfBias(f, pooled), domains.inconsistency(f, pooled),
                new Indirectness(pack, t).judge(f), new Imprecision(pack, t).judge(f, pooled), domains.publicationBias(f, pooled));
        int known = rated.stream().mapToInt(Certainty.Domain::knownDowngrade).sum();
        Certainty.Level upperBound = start.level() == null ? null : start.level().down(known);
        List<String> missing = new ArrayList<>();
        if (start.level() == null) {
            missing.add("the starting level is unknown (" + start.reason() + ")");
        }
        List<String> notAssessable = rated.stream().filter(d -> CORE_DOMAINS.contains(d.code())
                && d.judgement() == Certainty.Judgement.NOT_ASSESSABLE).map(d -> d.name().toLowerCase(Locale.ROOT)).toList();
        if (!notAssessable.isEmpty()) {
            missing.add(words(notAssessable) + (notAssessable.size() == 1 ? " could" : " could") + " not be assessed");
        }
        Statements.Subject subject = subject(f);
        if (!missing.isEmpty()) {
            String why = String.join("; ", missing);
            List<String> concerns = rated.stream().filter(d -> d.knownDowngrade() > 0)
                    .map(d -> d.name().toLowerCase(Locale.ROOT) + " (" + (d.knownDowngrade() >= 2 ? "very serious" : "serious") + ")").toList();
            String summary = "Not rated: " + why + (concerns.isEmpty() ? "" : ". Known concerns: " + String.join("; ", concerns));
            return new Certainty(null, false, upperBound, start, rated, why,
                    Statements.notRated(subject, f, sourceName(f), why), summary);
        }
        List<String> downs = rated.stream().filter(d -> d.judgement().downgrade() > 0)
                .map(d -> d.name().toLowerCase(Locale.ROOT) + " (" + d.judgement().words() + ")").toList();
        String summary = capitalise(upperBound.words()) + " certainty" + (downs.isEmpty() ? "" : ": rated down for " + words(downs))
                + "; started " + start.level().words() + " (" + start.reason() + ")";
        return new Certainty(upperBound, true, upperBound, start, rated, null, Statements.rated(subject, upperBound, f), summary);
    }

    /**
     * Where the rating starts, from the finding's own pool: a before-after comparison is observational
     * (low) whatever its trials' design; a recomputed estimate starts from the designs of the studies it
     * pools; a reported estimate from the designs its review says it pooled.
     */
    Certainty.Start start(Finding f, PooledFinding pooled) {
        OutcomeDefinition outcome = f.outcome() == null ? null : pack.outcome(f.outcome()).orElse(null);
        if (outcome != null && outcome.comparator() == Comparator.VS_BASELINE) {
            return new Certainty.Start(Certainty.Level.LOW, "a before-after comparison in treated patients without a control group: "
                    + "observational evidence, whatever the design of the trials it comes from");
        }
        if (pooled != null) {
            long randomised = pooled.studies().stream().map(id -> pack.study(id).orElseThrow()).map(Study::design)
                    .filter(d -> d == Design.RCT).count();
            return randomised == pooled.k()
                    ? new Certainty.Start(Certainty.Level.HIGH, "pooled here from " + pooled.k() + " randomised trials")
                    : new Certainty.Start(Certainty.Level.LOW, "pooled here from " + pooled.k() + " studies, of which "
                    + (pooled.k() - randomised) + " not randomised");
        }
        Source source = pack.source(f.sourceKey()).orElseThrow();
        StatedDesigns designs = source.designs();
        String who = source.shortCitation();
        if (designs == null) {
            boolean anchor = source.key().equals(pack.info().review());
            if (anchor && !pack.info().poolDesigns().isEmpty()) {
                boolean rct = pack.info().poolDesigns().stream().allMatch(d -> d == Design.RCT);
                return new Certainty.Start(rct ? Certainty.Level.HIGH : Certainty.Level.LOW, who + " pooled "
                        + (rct ? "randomised trials only" : "not only randomised trials") + " (as the pack records it)");
            }
            return new Certainty.Start(null, who + " does not state which study designs it pooled");
        }
        String where = " (" + designs.locator() + ": \"" + designs.snippet() + "\""
                + (designs.status() == VerificationStatus.VERIFIED ? "" : "; as the extraction team reads the abstract") + ")";
        if (designs.unclear()) {
            return new Certainty.Start(null, who + " does not say whether its trials were randomised" + where);
        }
        return designs.randomisedOnly()
                ? new Certainty.Start(Certainty.Level.HIGH, who + " pooled randomised trials only" + where)
                : new Certainty.Start(Certainty.Level.LOW, who + " pooled non-randomised studies too" + where);
    }

    /** The intervention, the outcome (with the finding's slice) and what it is compared with, for a statement. */
    Statements.Subject subject(Finding f) {
        OutcomeDefinition outcome = f.outcome() == null ? null : pack.outcome(f.outcome()).orElse(null);
        String name = outcome == null ? "the outcome" : outcome.phrase();
        String slice = switch (f.role()) {
            case OVERALL -> "";
            // labels as a reader sees them (exponents as superscripts); the source's text stays in the evidence
            case TIMEPOINT -> " at " + EffectText.display(f.levelLabel());
            case PATIENT, PROTOCOL -> " with " + EffectText.display(org.evidencecds.evidence.Labels.inSentence(f.levelLabel()));
            case UNPLACED -> " with " + EffectText.display(f.levelAsReported());
        };
        Statements.Comparator against = outcome == null ? Statements.Comparator.NONE : switch (outcome.comparator()) {
            case VS_CONTROL -> Statements.Comparator.CONTROL;
            case VS_BASELINE -> Statements.Comparator.BASELINE;
            case NONE -> Statements.Comparator.NONE;
        };
        return new Statements.Subject(pack.info().interventionName(), name + slice, against);
    }

    private String sourceName(Finding f) {
        if (f.origin() == Finding.Origin.RECOMPUTED) {
            return "pooling the pack's study rows here";
        }
        return f.shortCitation();
    }

    static String words(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String capitalise(String s) {
        return Statements.capitalise(s);
    }
}
