package org.evidencecds.certainty;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Level;
import org.evidencecds.evidence.OutcomeDefinition;
import org.evidencecds.findings.EffectText;
import org.evidencecds.findings.Finding;
import org.evidencecds.profile.Condition;

/**
 * How directly a finding answers the pack's question, judged with reasons:
 * <ul>
 * <li>outcome: a surrogate outcome (marked in the pack, with its basis) stands in for what patients feel;</li>
 * <li>population: an estimate pooling patients outside the pack's population (type 1 with type 2 diabetes
 *     shown for type 2) or a slice outside it; not knowing which patients were pooled is not assessable;</li>
 * <li>intervention: a review restricted to one product (umbilical-cord MSCs only) speaks to that product;</li>
 * <li>source: a result from another review than the pack's anchor answers that review's question.</li>
 * </ul>
 * One concern rates down once, two or more twice (−1 population or outcome, −2 both: the operational
 * criteria tabulated by Syst Rev 2020, doi:10.1186/s13643-020-01293-x, Table 1; GRADE guidelines 8).
 */
final class Indirectness {

    private final EvidencePack pack;
    private final Thresholds t;

    Indirectness(EvidencePack pack, Thresholds t) {
        this.pack = pack;
        this.t = t;
    }

    Certainty.Domain judge(Finding f) {
        List<String> concerns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> direct = new ArrayList<>();
        outcome(f, concerns, direct);
        population(f, concerns, unknown, direct);
        intervention(f, concerns);
        source(f, concerns);
        int downgrade = Math.min(2, concerns.size() >= t.indirectnessConcernsVerySerious() ? 2 : concerns.size());
        List<String> parts = new ArrayList<>(concerns);
        parts.addAll(unknown);
        if (!unknown.isEmpty()) {
            return new Certainty.Domain("Indirectness", "Indirectness", Certainty.Judgement.NOT_ASSESSABLE,
                    String.join("; ", parts), downgrade);
        }
        if (concerns.isEmpty()) {
            return new Certainty.Domain("Indirectness", "Indirectness", Certainty.Judgement.NO_CONCERN, String.join("; ", direct));
        }
        return new Certainty.Domain("Indirectness", "Indirectness",
                downgrade >= 2 ? Certainty.Judgement.VERY_SERIOUS : Certainty.Judgement.SERIOUS, String.join("; ", parts));
    }

    private void outcome(Finding f, List<String> concerns, List<String> direct) {
        OutcomeDefinition o = f.outcome() == null ? null : pack.outcome(f.outcome()).orElse(null);
        if (o == null) {
            return;
        }
        if (o.surrogate() != null) {
            concerns.add(o.phrase() + " is a surrogate outcome" + (o.surrogateFor() == null ? "" : " for "
                    + o.surrogateFor()) + " (" + o.surrogate().describe(pack) + ")");
        } else {
            direct.add("the outcome (" + o.phrase() + ") is one patients experience");
        }
    }

    /** The pool's patients against the pack's population (its categorical appliesTo conditions). */
    private void population(Finding f, List<String> concerns, List<String> unknown, List<String> direct) {
        boolean any = false;
        for (Condition c : pack.info().appliesTo()) {
            if (c.in().isEmpty()) {
                continue;
            }
            Dimension d = pack.dimensions().stream().filter(x -> c.field().equals(x.profileField())).findFirst().orElse(null);
            if (d == null) {
                continue;
            }
            any = true;
            Set<String> pooled = pooledLevels(f, d);
            String what = org.evidencecds.evidence.Labels.inSentence(d.name());
            if (pooled.isEmpty()) {
                unknown.add("which " + plural(what) + " the pool included is not reported (this evidence is for "
                        + labels(d, new LinkedHashSet<>(c.in())) + ")");
                continue;
            }
            Set<String> outside = new LinkedHashSet<>(pooled);
            outside.removeAll(c.in());
            if (outside.isEmpty()) {
                direct.add("the pool is " + labels(d, pooled) + ", the population of this evidence");
            } else {
                concerns.add("the estimate " + (pooled.size() > 1 ? "pools " : "is for ") + labels(d, pooled)
                        + ", but this evidence is for " + labels(d, new LinkedHashSet<>(c.in())) + " only");
            }
        }
        if (!any) {
            direct.add("the review's population is the population of this evidence (" + pack.info().population() + ")");
        }
    }

    /** The patient levels the finding's pool covers on a dimension: its own slice, else what the pack records. */
    private static Set<String> pooledLevels(Finding f, Dimension d) {
        Set<String> out = new LinkedHashSet<>();
        if (d.id().equals(f.dimension()) && f.level() != null) {
            out.add(f.level());
            return out;
        }
        for (String pl : f.pooledLevels()) {
            String[] parts = pl.split("/", 2);
            if (parts[0].equals(d.id())) {
                out.add(parts[1]);
            }
        }
        return out;
    }

    private void intervention(Finding f, List<String> concerns) {
        if ("single-level".equals(f.comparison())) {
            concerns.add("the review studied only " + org.evidencecds.findings.EffectText.display(
                    org.evidencecds.evidence.Labels.inSentence(f.levelLabel() != null ? f.levelLabel() : f.levelAsReported()))
                    + ": the estimate applies to that product, not to " + pack.info().interventionName() + " in general");
        }
    }

    private void source(Finding f, List<String> concerns) {
        String anchor = pack.info().review();
        if (f.origin() == Finding.Origin.RECOMPUTED || anchor == null || anchor.equals(f.sourceKey())) {
            return;
        }
        String review = pack.source(anchor).map(s -> s.shortCitation()).orElse(anchor);
        concerns.add("the result comes from " + f.shortCitation() + ", another review than " + review
                + ": it answers that review's question (its population, interventions and comparators)");
    }

    private static String labels(Dimension d, Set<String> levels) {
        List<String> out = new ArrayList<>();
        for (String id : levels) {
            out.add(org.evidencecds.findings.EffectText.display(org.evidencecds.evidence.Labels.inSentence(d.level(id).map(Level::label).orElse(id))));
        }
        return Assessor.words(out);
    }

    private static String plural(String what) {
        return what.endsWith("s") ? what : what + "s";
    }
}
