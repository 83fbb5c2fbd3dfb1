package org.evidencecds.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.evidencecds.facade.EvidenceReport;

/** What changes between two answers for one profile: protocol, levels, headline estimates, certainty, caveats. */
public final class ReportDiff {

    private ReportDiff() {
    }

    public static List<String> between(EvidenceReport before, EvidenceReport after) {
        List<String> out = new ArrayList<>();
        Map<String, EvidenceReport.PackReport> a = byPack(before);
        Map<String, EvidenceReport.PackReport> b = byPack(after);
        for (String pack : new TreeSet<>(union(a.keySet(), b.keySet()))) {
            EvidenceReport.PackReport x = a.get(pack);
            EvidenceReport.PackReport y = b.get(pack);
            if (x == null || y == null) {
                out.add(pack + ": pack " + (x == null ? "added" : "removed"));
                continue;
            }
            compare(out, pack + " protocol", set(protocols(x)), set(protocols(y)));
            compare(out, pack + " subgroups", set(x.dimensions().stream().map(d -> d.dimension() + "=" + (d.level() != null ? d.level() : d.status())).toList()),
                    set(y.dimensions().stream().map(d -> d.dimension() + "=" + (d.level() != null ? d.level() : d.status())).toList()));
            Map<String, String> hx = headlines(x);
            Map<String, String> hy = headlines(y);
            for (String outcome : new TreeSet<>(union(hx.keySet(), hy.keySet()))) {
                String u = hx.getOrDefault(outcome, "(none)");
                String v = hy.getOrDefault(outcome, "(none)");
                if (!u.equals(v)) {
                    out.add(pack + " headline " + outcome + ": " + u + " -> " + v);
                }
            }
            compare(out, pack + " caveats", set(x.caveats().stream().map(c -> "[" + c.code() + "] " + c.text()).toList()),
                    set(y.caveats().stream().map(c -> "[" + c.code() + "] " + c.text()).toList()));
        }
        return out;
    }

    private static Map<String, String> headlines(EvidenceReport.PackReport p) {
        Map<String, String> m = new LinkedHashMap<>();
        for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
            if (o.headlineFinding() == null) {
                continue;
            }
            EvidenceReport.FindingView f = o.findings().stream().filter(v -> v.id().equals(o.headlineFinding())).findFirst().orElseThrow();
            m.put(o.outcome(), f.id() + " " + f.effect() + ", certainty " + f.certainty().summary());
        }
        return m;
    }

    /** Each protocol as "source: elements (credibility)". */
    private static List<String> protocols(EvidenceReport.PackReport p) {
        return p.protocols().stream().map(pr -> pr.shortCitation() + ": " + String.join(", ", pr.elements().stream()
                .map(e -> e.dimension() + "=" + e.level()).toList()) + " (" + pr.credibility() + " credibility)").toList();
    }

    private static void compare(List<String> out, String what, Set<String> x, Set<String> y) {
        for (String s : x) {
            if (!y.contains(s)) {
                out.add(what + ": removed " + s);
            }
        }
        for (String s : y) {
            if (!x.contains(s)) {
                out.add(what + ": added " + s);
            }
        }
    }

    private static Map<String, EvidenceReport.PackReport> byPack(EvidenceReport r) {
        Map<String, EvidenceReport.PackReport> m = new LinkedHashMap<>();
        r.packs().forEach(p -> m.put(p.pack(), p));
        return m;
    }

    private static Set<String> set(List<String> items) {
        return new TreeSet<>(items);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
