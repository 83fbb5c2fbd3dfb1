package org.evidencecds.facade;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The evidence report as plain text for a clinician at a terminal. */
public final class TextReport {

    private TextReport() {
    }

    /** "Li Y et al. 2021; " from a citation, so a reader sees which review a result comes from. */
    public static String shortCitation(String citation) {
        if (citation == null || citation.isBlank()) {
            return "";
        }
        java.util.regex.Matcher year = YEAR.matcher(citation);
        return org.evidencecds.evidence.Source.firstAuthor(citation) + (year.find() ? " " + year.group() : "") + "; ";
    }

    private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("\\b(19|20)\\d{2}\\b");

    public static String render(EvidenceReport r) {
        StringBuilder out = new StringBuilder();
        out.append("Evidence report (knowledge ").append(r.knowledgeVersion()).append(")\n");
        out.append("Patient: ").append(r.profile().isEmpty() ? "(no inputs)" : profile(r.profile())).append("\n");
        out.append(r.notice()).append("\n");
        for (EvidenceReport.OutsidePopulation o : r.outsidePopulation()) {
            out.append("\n").append(o.evaluated() ? "Shown on request, but the patient is outside its population: " : "Left out, the patient is outside its population: ")
                    .append(o.title()).append(" (").append(o.pack()).append("): ").append(String.join("; ", o.reasons())).append("\n");
        }
        if (r.packs().isEmpty()) {
            out.append("\nNo evidence pack applies to this patient.\n");
        }
        for (EvidenceReport.PackReport p : r.packs()) {
            out.append("\n== ").append(p.title()).append(" (").append(p.pack()).append(" ").append(p.version()).append(")\n");
            out.append("Review: ").append(p.review()).append(p.reviewDoi() == null ? "" : " https://doi.org/" + p.reviewDoi()).append("\n");
            out.append("\nWhere the patient stands\n");
            for (EvidenceReport.DimensionResult d : p.dimensions()) {
                out.append("  ").append(pad(d.name(), 30));
                switch (d.status()) {
                    case "in-level" -> out.append(d.input() == null ? "" : num(d.input()) + " " + d.unit() + " ").append("-> ").append(d.levelLabel())
                            .append(d.evidence().isEmpty() ? "  (no finding for this level)" : "  (evidence: " + String.join(", ", d.evidence()) + ")");
                    case "input-missing" -> out.append("input missing: enter ").append(d.field()).append(" to see the evidence for this subgroup");
                    default -> out.append(d.input() == null ? "" : num(d.input()) + " " + d.unit() + " ").append("-> outside the range this evidence covers");
                }
                out.append("\n");
            }
            for (EvidenceReport.InputWithoutEvidence w : p.inputsWithoutEvidence()) {
                out.append("  ").append(pad(w.field(), 30)).append(w.input() == null ? "" : w.input() + " ")
                        .append("-> no subgroup evidence in this pack\n");
            }
            if (!p.protocol().isEmpty()) {
                out.append("\nEvidence-based protocol (elements the evidence favours; each with the findings behind it)\n");
                for (EvidenceReport.ProtocolElement e : p.protocol()) {
                    out.append("  ").append(pad(e.name(), 30)).append(e.label())
                            .append("  (").append(String.join(", ", e.supportingFindings())).append(")\n");
                }
            }
            out.append("\nOutcomes\n");
            for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
                out.append("  ").append(o.name()).append("\n");
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
                    out.append("        ").append(f.origin()).append("; ").append(shortCitation(f.citation())).append(f.locator())
                            .append(f.doi() == null ? "" : "; https://doi.org/" + f.doi()).append("\n");
                }
                if (o.headlineFinding() != null) {
                    out.append("    (* headline: ").append(o.headlineWhy()).append(")\n");
                } else if (o.findings().stream().anyMatch(f -> f.estimate() != null)) {
                    out.append("    (no headline: ").append(o.headlineWhy()).append(")\n");
                }
            }
            out.append("\nCaveats\n");
            for (EvidenceReport.Caveat c : p.caveats()) {
                out.append("  - [").append(c.code()).append("] ").append(c.text()).append("\n");
            }
            out.append("\nRules fired: ").append(p.firedRules().size()).append("\n");
            for (EvidenceReport.FiredRule f : p.firedRules()) {
                out.append("  ").append(f.rule()).append("\n");
            }
        }
        return out.toString();
    }

    private static String numbers(EvidenceReport.FindingView f) {
        if (f.estimate() == null) {
            return "direction only: " + f.direction() + " (no estimate published)";
        }
        String s = f.measure() + " " + num(f.estimate());
        s += f.ciLow() == null ? " (95% CI not published)" : " (95% CI " + num(f.ciLow()) + " to " + num(f.ciHigh()) + ")";
        if (f.pValue() != null) {
            s += ", p " + f.pValue();
        }
        s += ", k " + (f.k() == null ? "not reported" : f.k());
        return s;
    }

    private static String profile(Map<String, Object> p) {
        StringBuilder sb = new StringBuilder();
        p.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" = ").append(v instanceof Double d ? num(d) : v));
        return sb.toString();
    }

    static String num(Double d) {
        return d == null ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String pad(String s, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", s);
    }

    static String join(List<String> items) {
        return String.join(", ", items);
    }
}
