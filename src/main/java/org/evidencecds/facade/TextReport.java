package org.evidencecds.facade;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.evidencecds.findings.EffectText;

/** The evidence report as plain text for a clinician at a terminal. Labels, never field names or codes. */
public final class TextReport {

    private TextReport() {
    }

    public static String render(EvidenceReport r) {
        StringBuilder out = new StringBuilder();
        out.append("Evidence report (knowledge ").append(r.knowledgeVersion()).append(")\n");
        out.append("Patient: ").append(EffectText.profile(r.profile())).append("\n");
        out.append(r.notice()).append("\n");
        for (EvidenceReport.OutsidePopulation o : r.outsidePopulation()) {
            out.append("\n").append(o.evaluated() ? "Shown on request, but the patient is outside its population: " : "Left out, the patient is outside its population: ")
                    .append(o.title()).append(": ").append(String.join("; ", o.reasons())).append("\n");
        }
        if (r.packs().isEmpty()) {
            out.append("\nNo evidence pack applies to this patient.\n");
        }
        for (EvidenceReport.PackReport p : r.packs()) {
            pack(out, p);
        }
        return out.toString();
    }

    private static void pack(StringBuilder out, EvidenceReport.PackReport p) {
        out.append("\n== ").append(p.title()).append(" (version ").append(p.version()).append(")\n");
        out.append("Review: ").append(p.review()).append(p.reviewDoi() == null ? "" : " https://doi.org/" + p.reviewDoi()).append("\n");
        out.append("\nWhere the patient stands\n");
        for (EvidenceReport.DimensionResult d : p.dimensions()) {
            out.append("  ").append(pad(d.name(), 30));
            // a number before its level ("12 cm² -> ≥ 10 cm²"); a category is its level's label already
            String input = d.input() == null || d.inputText() == null ? "" : d.inputText() + " ";
            switch (d.status()) {
                case "in-level" -> out.append(input).append("-> ").append(d.statusText())
                        .append(d.evidence().isEmpty() ? "  (no finding for this level)" : "  (evidence: " + String.join(", ", d.evidence()) + ")");
                case "input-missing" -> out.append(d.statusText());
                default -> out.append(input).append("-> ").append(d.statusText());
            }
            out.append("\n");
        }
        for (EvidenceReport.InputWithoutEvidence w : p.inputsWithoutEvidence()) {
            out.append("  ").append(pad(w.label(), 30)).append(w.inputText() == null ? "" : w.inputText() + " ")
                    .append("-> ").append(w.statusText()).append("\n");
        }
        out.append("\nProtocol\n  ").append(p.protocolSummary()).append("\n");
        for (EvidenceReport.ProtocolView pr : p.protocols()) {
            out.append("  ").append(pr.statement()).append("\n");
            if (pr.snippet() != null) {
                out.append("    the source says: \"").append(pr.snippet()).append("\"\n");
            }
            for (EvidenceReport.ProtocolElement e : pr.elements()) {
                out.append("    ").append(pad(e.name(), 28)).append(e.label()).append("\n")
                        .append("      ").append(e.credibility()).append(" credibility: ").append(e.why()).append("\n");
            }
        }
        out.append("\nOutcomes\n");
        for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
            outcome(out, o);
        }
        if (p.harms() != null) {
            harms(out, p.harms());
        }
        out.append("\nCaveats\n");
        for (EvidenceReport.Caveat c : p.caveats()) {
            out.append("  - ").append(c.text()).append("\n");
        }
        out.append("\nRules fired: ").append(p.firedRules().size()).append("\n");
        // a rule that fired once per outcome (the headline rules) is listed once, with how often
        Map<String, Integer> times = new LinkedHashMap<>();
        p.firedRules().forEach(f -> times.merge(f.rule(), 1, Integer::sum));
        times.forEach((rule, n) -> out.append("  ").append(rule).append(n == 1 ? "" : " (" + n + " times)").append("\n"));
    }

    private static void outcome(StringBuilder out, EvidenceReport.OutcomeEvidence o) {
        out.append("  ").append(o.name()).append(o.harm() ? " (harm)" : "").append("\n");
        for (EvidenceReport.FindingView f : o.findings()) {
            boolean headline = f.id().equals(o.headlineFinding());
            out.append(headline ? "    * " : "    - ").append(f.slice()).append(": ").append(numbers(f)).append("\n");
            out.append("        certainty: ").append(f.certainty().summary()).append("\n");
            if (f.credibility() != null) {
                out.append("        subgroup credibility: ").append(f.credibility().level().words()).append("\n");
            }
            if (headline) {
                out.append("        ").append(f.certainty().statement()).append("\n");
            }
            if (f.estimate() == null && f.snippet() != null) {
                out.append("        the source says: \"").append(f.snippet()).append("\"\n");
            }
            out.append("        ").append(origin(f.origin())).append("; ").append(f.shortCitation()).append("; ").append(f.locator())
                    .append(f.doi() == null ? "" : "; https://doi.org/" + f.doi()).append("\n");
        }
        if (o.headlineFinding() != null) {
            out.append("    (* headline: ").append(o.headlineWhy()).append(")\n");
        } else if (o.findings().stream().anyMatch(f -> f.estimate() != null)) {
            out.append("    (no headline: ").append(o.headlineWhy()).append(")\n");
        }
    }

    private static void harms(StringBuilder out, EvidenceReport.Harms h) {
        out.append("\nHarms\n  ").append(h.statement()).append("\n");
        for (EvidenceReport.FindingView f : h.claims()) {
            out.append("    - ").append(f.shortCitation()).append(" (").append(f.locator()).append("): \"").append(f.snippet()).append("\"\n");
        }
        for (EvidenceReport.TrialStatement t : h.trialStatements()) {
            out.append("    - ").append(t.study()).append(t.timepoint() == null ? "" : ", " + t.timepoint()).append(": \"").append(t.text())
                    .append("\" (").append(t.source()).append(", ").append(t.locator()).append(")\n");
        }
    }

    private static String numbers(EvidenceReport.FindingView f) {
        String s = f.effect();
        if (f.estimate() == null) {
            return s;
        }
        if (f.pValue() != null) {
            s += ", p " + f.pValue();
        }
        return s + ", " + (f.k() == null ? "number of trials not reported" : f.k() + " trial" + (f.k() == 1 ? "" : "s"));
    }

    /** Where a finding's numbers come from, in words (the code stays in the JSON). */
    static String origin(String code) {
        return switch (code) {
            case "reported" -> "published estimate";
            case "direction-only" -> "published direction, no estimate";
            case "recomputed" -> "pooled by this engine from the pack's study rows";
            default -> code.replace('-', ' ');
        };
    }

    private static String pad(String s, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", s);
    }

    static String join(List<String> items) {
        return String.join(", ", items);
    }
}
