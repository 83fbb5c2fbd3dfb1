package org.evidencecds.certainty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Incompatibility;
import org.evidencecds.evidence.Level;
import org.evidencecds.evidence.Source;
import org.evidencecds.evidence.StatedProtocol;
import org.evidencecds.findings.EffectText;
import org.evidencecds.findings.Finding;

/**
 * The protocols a pack can show, each from one source, never merged across reviews:
 * <ul>
 * <li>STATED: what a source states as its protocol (pack.yaml {@code protocols}), with the credibility of
 *     the source's own effect-modification results behind each element (an element without one is very
 *     low: the source states it but reports no subgroup result for it);</li>
 * <li>DERIVED: what one source's effect-modification results with at least moderate credibility support
 *     (a review restricted to one level is not effect modification and never makes an element).</li>
 * </ul>
 * A protocol's credibility is that of its weakest element. Levels the pack declares incompatible (e.g.
 * autologous and umbilical-cord cells) are never combined: {@link #problems} names any protocol that does.
 */
public final class Protocols {

    /** STATED by a source, or DERIVED from a source's credible effect-modification results. */
    public enum Basis { STATED, DERIVED }

    /** One protocol with its credibility in words. */
    public record Protocol(String id, Basis basis, String source, String shortCitation, String locator, String snippet,
                           String status, List<Element> elements, Credibility.Level credibility, List<String> reasons,
                           String statement) {

        public Protocol {
            elements = List.copyOf(elements);
            reasons = List.copyOf(reasons);
        }
    }

    /** One element (a level of a protocol dimension) and the source's results behind it. */
    public record Element(String dimension, String name, String level, String label, String range,
                          List<String> supportingFindings, Credibility.Level credibility, String why) {

        public Element {
            supportingFindings = List.copyOf(supportingFindings);
        }
    }

    private Protocols() {
    }

    public static List<Protocol> of(EvidencePack pack, List<Finding> findings, Map<String, Assessor.Assessment> assessments) {
        List<Protocol> out = new ArrayList<>();
        for (StatedProtocol p : pack.protocols()) {
            out.add(stated(pack, p, findings, assessments));
        }
        Map<String, List<Finding>> credibleBySource = new LinkedHashMap<>();
        for (Finding f : findings) {
            Credibility c = assessments.get(f.id()) == null ? null : assessments.get(f.id()).credibility();
            if (f.role() == Finding.Role.PROTOCOL && f.isEffectModification() && f.side() > 0 && c != null
                    && c.level().atLeast(Credibility.Level.MODERATE)) {
                credibleBySource.computeIfAbsent(f.sourceKey(), k -> new ArrayList<>()).add(f);
            }
        }
        credibleBySource.forEach((source, support) -> out.add(derived(pack, source, support, assessments)));
        return out;
    }

    private static Protocol stated(EvidencePack pack, StatedProtocol p, List<Finding> findings, Map<String, Assessor.Assessment> assessments) {
        List<Element> elements = new ArrayList<>();
        for (String element : p.elements()) {
            String[] dl = element.split("/", 2);
            List<Finding> support = findings.stream().filter(f -> f.role() == Finding.Role.PROTOCOL && f.isEffectModification()
                    && f.sourceKey().equals(p.source()) && dl[0].equals(f.dimension()) && dl[1].equals(f.level()) && f.side() > 0).toList();
            Optional<Finding> best = support.stream().max(Comparator.comparing(f -> assessments.get(f.id()).credibility().level()));
            Credibility.Level level = best.map(f -> assessments.get(f.id()).credibility().level()).orElse(Credibility.Level.VERY_LOW);
            String why = best.map(f -> "subgroup result " + EffectText.effect(f) + against(assessments.get(f.id()).credibility()))
                    .orElse("stated by the source, which reports no subgroup result for it");
            elements.add(element(pack, dl[0], dl[1], support.stream().map(Finding::id).toList(), level, why));
        }
        Source source = pack.source(p.source()).orElseThrow();
        return finish(p.id(), Basis.STATED, source, p.locator(), p.snippet(), p.status().name().toLowerCase(java.util.Locale.ROOT), elements);
    }

    private static Protocol derived(EvidencePack pack, String sourceKey, List<Finding> support, Map<String, Assessor.Assessment> assessments) {
        Map<String, List<Finding>> byDimension = new LinkedHashMap<>();
        support.forEach(f -> byDimension.computeIfAbsent(f.dimension(), d -> new ArrayList<>()).add(f));
        List<Element> elements = new ArrayList<>();
        byDimension.forEach((dimension, fs) -> {
            Finding best = fs.stream().max(Comparator.comparing(f -> assessments.get(f.id()).credibility().level())).orElseThrow();
            Credibility c = assessments.get(best.id()).credibility();
            elements.add(element(pack, dimension, best.level(), fs.stream().filter(f -> f.level().equals(best.level())).map(Finding::id).toList(),
                    c.level(), "subgroup result " + EffectText.effect(best) + against(c)));
        });
        Source source = pack.source(sourceKey).orElseThrow();
        return finish("derived-" + sourceKey, Basis.DERIVED, source, null, null, null, elements);
    }

    /** What lowers a subgroup result's credibility, as "; against it: …". */
    private static String against(Credibility c) {
        List<String> reasons = c.items().stream().filter(i -> i.response() != Credibility.Response.SUPPORTS)
                .map(Credibility.Item::reason).toList();
        return reasons.isEmpty() ? "" : "; against it: " + String.join("; ", reasons);
    }

    private static Element element(EvidencePack pack, String dimensionId, String levelId, List<String> support, Credibility.Level level, String why) {
        Dimension d = pack.dimension(dimensionId).orElseThrow();
        Level l = d.level(levelId).orElseThrow();
        // label and range as a reader sees them ("1×10⁷ to 1.2×10⁹ cells"); the level's data keep the source's text
        return new Element(d.id(), d.name(), l.id(), EffectText.display(l.label()), EffectText.range(l.interval(), d.unit()), support, level, why);
    }

    private static Protocol finish(String id, Basis basis, Source source, String locator, String snippet, String status, List<Element> elements) {
        Credibility.Level weakest = elements.stream().map(Element::credibility).min(Comparator.naturalOrder()).orElse(Credibility.Level.VERY_LOW);
        List<String> reasons = elements.stream().map(e -> e.name() + " (" + e.label() + "): " + e.credibility().words() + ", " + e.why()).toList();
        String who = source.shortCitation();
        String statement = (basis == Basis.STATED
                ? "The protocol " + who + " suggests" + (locator == null ? "" : " (" + locator + ")")
                : "The protocol that " + who + "'s subgroup results with moderate or high credibility support")
                + "; " + weakest.words() + " credibility, the credibility of its weakest element.";
        return new Protocol(id, basis, source.key(), who, locator, snippet, status, elements, weakest, reasons, statement);
    }

    /** Protocols that combine levels the pack declares incompatible, as compile problems. */
    public static List<String> problems(EvidencePack pack, List<Protocol> protocols) {
        List<String> out = new ArrayList<>();
        for (Protocol p : protocols) {
            List<String> levels = p.elements().stream().map(e -> e.dimension() + "/" + e.level()).toList();
            for (Incompatibility inc : pack.incompatibilities()) {
                if (levels.containsAll(inc.levels())) {
                    out.add(pack.id() + ": protocol " + p.id() + " (" + p.shortCitation() + ") combines " + String.join(" and ", inc.levels())
                            + ", which the pack declares incompatible (" + inc.origin() + ": " + inc.basis().describe(pack) + ")");
                }
            }
        }
        return out;
    }

    /** The plain statement at the top of a pack's protocols: whether any has moderate or high credibility. */
    public static String summary(List<Protocol> protocols) {
        if (protocols.stream().anyMatch(p -> p.credibility().atLeast(Credibility.Level.MODERATE))) {
            return "A protocol below has moderate or high credibility; each is shown with the credibility of its weakest element.";
        }
        if (protocols.isEmpty()) {
            return "No protocol is supported: no source in this evidence states one, and no subgroup result has moderate or high "
                    + "credibility. The evidence does not say which cell type, origin, dose or route is best.";
        }
        return "No protocol is supported with moderate or high credibility. What follows is what "
                + Assessor.words(protocols.stream().map(Protocol::shortCitation).distinct().toList())
                + " suggest" + (protocols.stream().map(Protocol::shortCitation).distinct().count() == 1 ? "s" : "")
                + ": a hypothesis to test, not an evidence-based choice.";
    }
}
