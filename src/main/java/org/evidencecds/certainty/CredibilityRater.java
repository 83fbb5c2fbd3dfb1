package org.evidencecds.certainty;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.ReportedEstimate;
import org.evidencecds.evidence.Vocabulary.DimensionKind;
import org.evidencecds.findings.EffectText;
import org.evidencecds.findings.Finding;

/**
 * Credibility of an effect-modification claim, after ICEMAN for meta-analyses (Schandelmaier et al., CMAJ
 * 2020): within- or between-trial comparison, trials per subgroup, an a priori hypothesis whose direction
 * matches the finding, the test for subgroup differences, the number of modifiers the same review tested,
 * and an arbitrary cut-point of a continuous modifier. A single-level finding (a review that pooled only
 * one level against control) is not effect modification and is not rated here.
 */
final class CredibilityRater {

    private final EvidencePack pack;
    private final Thresholds t;
    private final List<Finding> findings;

    CredibilityRater(EvidencePack pack, Thresholds t, List<Finding> findings) {
        this.pack = pack;
        this.t = t;
        this.findings = findings;
    }

    Credibility rate(Finding f) {
        List<Credibility.Item> items = new ArrayList<>();
        ReportedEstimate e = f.reportedEstimateId() == null ? null
                : pack.reportedEstimates().stream().filter(x -> x.id().equals(f.reportedEstimateId())).findFirst().orElse(null);
        boolean within = "within-trial".equals(f.comparison());
        items.add(new Credibility.Item("Is the effect modification based on a within-trial rather than a between-trial comparison?",
                within ? Credibility.Response.SUPPORTS : Credibility.Response.REDUCES,
                within ? "within-trial comparison, as the source reports"
                        : "a comparison across trials (aggregate-data subgroup analysis): open to study-level confounding"));
        Integer k = f.k();
        items.add(new Credibility.Item("Do enough trials inform the subgroup?",
                k == null ? Credibility.Response.UNCLEAR : k >= t.icemanMinTrialsPerLevel() ? Credibility.Response.SUPPORTS : Credibility.Response.REDUCES,
                k == null ? "the number of trials in the subgroup is not reported"
                        : k + " trial" + (k == 1 ? "" : "s") + " (rule of thumb: at least " + EffectText.plain(t.icemanMinTrialsPerLevel()) + ")"));
        items.add(apriori(f));
        Double p = e == null ? null : pValue(e.pInteraction());
        Credibility.Response pResponse = p == null ? Credibility.Response.UNCLEAR
                : p >= t.icemanInteractionP() ? Credibility.Response.REDUCES
                : p < 0.01 ? Credibility.Response.SUPPORTS : Credibility.Response.UNCLEAR;
        items.add(new Credibility.Item("Does the test for subgroup differences make chance an unlikely explanation?", pResponse,
                p == null ? "no test for subgroup differences is reported" : "test for subgroup differences p " + e.pInteraction()));
        int modifiers = modifiersTestedBy(f.sourceKey());
        items.add(new Credibility.Item("Was only a small number of effect modifiers tested?",
                modifiers <= t.icemanMaxModifiers() ? Credibility.Response.SUPPORTS : Credibility.Response.REDUCES,
                modifiers + " effect modifier" + (modifiers == 1 ? "" : "s") + " reported by " + f.shortCitation() + " (small: at most "
                        + EffectText.plain(t.icemanMaxModifiers()) + ")"));
        Dimension d = f.dimension() == null ? null : pack.dimension(f.dimension()).orElse(null);
        if (d != null && d.kind() == DimensionKind.NUMERIC) {
            boolean justified = matchingApriori(f, d) != null;
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
                + (capped ? " (low at most without a test for subgroup differences with p < " + EffectText.plain(t.icemanInteractionP()) + ")" : "");
        return new Credibility(level, items, summary);
    }

    /**
     * ICEMAN asks whether the direction was hypothesised a priori: a documented hypothesis counts only when
     * it names this level and its direction is the direction the finding shows.
     */
    private Credibility.Item apriori(Finding f) {
        String question = "Was the direction of the effect modification hypothesised a priori?";
        Dimension d = f.dimension() == null ? null : pack.dimension(f.dimension()).orElse(null);
        Dimension.Apriori a = d == null ? null : d.apriori();
        if (a == null || !a.level().equals(f.level())) {
            return new Credibility.Item(question, Credibility.Response.UNCLEAR, "no a priori hypothesis with a direction is documented");
        }
        String shown = modificationDirection(f);
        if (shown == null) {
            return new Credibility.Item(question, Credibility.Response.UNCLEAR, "a hypothesis (" + EffectText.direction(a.direction())
                    + ") is documented, but the finding does not show a direction of effect modification to compare it with");
        }
        if (!shown.equals(a.direction())) {
            return new Credibility.Item(question, Credibility.Response.REDUCES, "the a priori hypothesis expected "
                    + EffectText.direction(a.direction()) + ", the finding shows " + EffectText.direction(shown) + " (" + a.source() + ", " + a.locator() + ")");
        }
        return new Credibility.Item(question, Credibility.Response.SUPPORTS, "hypothesised before the analysis with this direction ("
                + a.source() + ", " + a.locator() + ")");
    }

    private Dimension.Apriori matchingApriori(Finding f, Dimension d) {
        Dimension.Apriori a = d.apriori();
        return a != null && a.level().equals(f.level()) && a.direction().equals(modificationDirection(f)) ? a : null;
    }

    /**
     * Which way the level modifies the effect: a direction-only claim says it; a numeric subgroup estimate is
     * compared with the same review's overall estimate of the outcome (more favourable: larger benefit).
     */
    String modificationDirection(Finding f) {
        if (!f.isNumeric()) {
            return "larger-benefit".equals(f.direction()) || "smaller-benefit".equals(f.direction()) ? f.direction() : null;
        }
        Finding overall = findings.stream().filter(o -> o.role() == Finding.Role.OVERALL && o.isNumeric()
                && o.sourceKey().equals(f.sourceKey()) && o.outcome() != null && o.outcome().equals(f.outcome())
                && o.measure().equals(f.measure())).findFirst().orElse(null);
        if (overall == null || overall.estimate().equals(f.estimate())) {
            return null;
        }
        boolean higherIsBetter = "higher".equals(f.benefit());
        boolean larger = higherIsBetter == (f.estimate() > overall.estimate());
        return larger ? "larger-benefit" : "smaller-benefit";
    }

    /** The effect modifiers the same source reports (its subgroup dimensions), never summed across reviews. */
    int modifiersTestedBy(String sourceKey) {
        Set<String> modifiers = new LinkedHashSet<>();
        for (Finding x : findings) {
            if (x.isEffectModification() && sourceKey.equals(x.sourceKey()) && x.dimension() != null) {
                modifiers.add(x.dimension());
            }
        }
        return modifiers.size();
    }

    static Double pValue(String printed) {
        if (printed == null) {
            return null;
        }
        String s = printed.replaceAll("[<>=\\s]", "");
        double v = Double.parseDouble(s);
        return printed.trim().startsWith("<") ? Math.nextDown(v) : v;
    }
}
