package org.evidencecds.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.audit.Provenance;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.StudyOutcome;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.findings.Finding;
import org.evidencecds.meta.EffectSize;
import org.evidencecds.meta.MetaResult;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;
import org.evidencecds.synthesis.PooledFinding;
import org.evidencecds.synthesis.Slice;
import org.evidencecds.synthesis.Synthesis;
import org.evidencecds.synthesis.SynthesisOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The clinician's page: a form (plain GET, works without JavaScript), the answer on the same page, a
 * forest plot per finding, and a provenance page per rule. No CDN, keyboard usable, narrow-screen layout.
 */
@RestController
public class PageController {

    static final String CSS = """
            body{font-family:system-ui,sans-serif;max-width:62rem;margin:0 auto;padding:1rem;line-height:1.45;color:#1a1a1a}
            h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}
            form{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.6rem 1rem;background:#f4f6f8;padding:1rem;border-radius:6px}
            label{display:flex;flex-direction:column;font-weight:600;font-size:.9rem}input,select{font:inherit;padding:.35rem;margin-top:.2rem}
            button{font:inherit;padding:.5rem 1rem;background:#1f4e79;color:#fff;border:0;border-radius:4px;cursor:pointer}
            :focus-visible{outline:3px solid #f0a500;outline-offset:2px}
            details{grid-column:1/-1}.notice{background:#fff6d6;padding:.6rem;border-left:4px solid #f0a500}
            .error{background:#fde8e8;padding:.6rem;border-left:4px solid #b00020}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}
            .finding{border:1px solid #ddd;border-radius:6px;padding:.6rem;margin:.6rem 0}.headline{border-color:#1f4e79;border-width:2px}
            .muted{color:#555;font-size:.9rem}code{word-break:break-all}
            .more{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.6rem 1rem}.wide{grid-column:1/-1}
            iframe.panel{width:100%;height:32rem;border:1px solid #ccc;border-radius:6px}
            @media (max-width:40rem){table{font-size:.85rem}td,th{padding:.25rem}svg text{font-size:14px}}
            """;

    /** The embed panel's stylesheet: the same, full width (it lives in a host's frame). */
    static final String EMBED_CSS = CSS.replace("max-width:62rem", "max-width:100%");

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final EvidenceFacade facade;
    private final Path evidenceDir;

    public PageController(EvidenceFacade facade, @Value("${evidence.dir:evidence}") String evidenceDir) {
        this.facade = facade;
        this.evidenceDir = Path.of(evidenceDir);
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> home(@RequestParam Map<String, String> params) {
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank() && !k.equals("pack")) {
                values.put(k, v.trim());
            }
        });
        String pack = params.get("pack") == null || params.get("pack").isBlank() ? null : params.get("pack").trim();
        if (pack != null && facade.knowledge().pack(pack).isEmpty()) {
            throw new NotFoundException("pack", pack, "no evidence pack with id '" + org.evidencecds.profile.Quote.cut(pack) + "'");
        }
        StringBuilder body = new StringBuilder();
        body.append("<h1>Cell therapy in diabetes: what the evidence says for this patient</h1>")
                .append("<p class=\"notice\">").append(esc(EvidenceFacade.NOTICE)).append("</p>");
        body.append(form(params));
        HttpStatus status = HttpStatus.OK;
        if (!values.isEmpty()) {
            try {
                EvidenceReport report = facade.evaluate(PatientProfile.of(values), pack == null ? null : java.util.Set.of(pack));
                body.append(report(report));
            } catch (PatientProfile.InvalidProfileException e) {
                status = HttpStatus.BAD_REQUEST;
                body.append("<div class=\"error\" role=\"alert\"><strong>Please check the inputs:</strong><ul>");
                e.errors().forEach(x -> body.append("<li><code>").append(esc(x.field())).append("</code>: ").append(esc(x.reason())).append("</li>"));
                body.append("</ul></div>");
            }
        }
        body.append("<p class=\"muted\">Knowledge ").append(esc(facade.knowledge().version())).append(" · <a href=\"/api/v1/packs\">API</a> · ")
                .append("<a href=\"/swagger-ui/index.html\">OpenAPI</a></p>");
        return ResponseEntity.status(status).contentType(HTML).body(page("Evidence for this patient", body.toString()));
    }

    @GetMapping(value = "/provenance", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> provenance(@RequestParam("rule") String rule) {
        var chain = Provenance.of(facade.knowledge(), rule, evidenceDir);
        if (chain.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML)
                    .body(page("Unknown rule", "<h1>Unknown rule</h1><p>No rule <code>" + esc(org.evidencecds.profile.Quote.cut(rule)) + "</code> in knowledge "
                            + esc(facade.knowledge().version()) + ".</p><p><a href=\"/\">Back</a></p>"));
        }
        Provenance.Chain c = chain.get();
        StringBuilder b = new StringBuilder();
        b.append("<h1>Provenance of <code>").append(esc(c.rule())).append("</code></h1>");
        b.append("<p class=\"").append(c.evidenceMatches() ? "notice" : "error").append("\">Evidence check: ").append(esc(c.evidenceCheck())).append("</p>");
        b.append("<h2>Evidence chain</h2>");
        for (Provenance.Step s : c.steps()) {
            b.append("<h3>").append(esc(s.what())).append(" <span class=\"muted\">").append(esc(s.where())).append("</span></h3><table>");
            s.details().forEach((k, v) -> {
                b.append("<tr><th scope=\"row\">").append(esc(k)).append("</th><td>");
                if (("link".equals(k) || "url".equals(k)) && v.startsWith("http")) {
                    b.append("<a href=\"").append(esc(v)).append("\">").append(esc(v)).append("</a>");
                } else {
                    b.append(esc(v));
                }
                b.append("</td></tr>");
            });
            b.append("</table>");
        }
        b.append("<h2>Rule metadata</h2><table>");
        c.metadata().forEach((k, v) -> b.append("<tr><th scope=\"row\">@").append(esc(k)).append("</th><td>").append(esc(String.valueOf(v))).append("</td></tr>"));
        b.append("</table>");
        if (c.drl() != null) {
            b.append("<h2>Rule text</h2><pre><code>").append(esc(c.drl())).append("</code></pre>");
        }
        b.append("<p><a href=\"/\">Back to the form</a></p>");
        return ResponseEntity.ok().contentType(HTML).body(page("Provenance " + c.rule(), b.toString()));
    }

    private String form(Map<String, String> params) {
        StringBuilder f = new StringBuilder("<form method=\"get\" action=\"/\" aria-label=\"Patient profile\">");
        StringBuilder packs = new StringBuilder("<label>Evidence<select name=\"pack\"><option value=\"\">every pack that applies</option>");
        facade.knowledge().packs().forEach(p -> packs.append("<option value=\"").append(esc(p.id())).append("\"")
                .append(p.id().equals(params.get("pack")) ? " selected" : "").append(">").append(esc(p.info().title())).append("</option>"));
        f.append(packs).append("</select></label>");
        // first the fields the packs' evidence reads (subgroup dimensions and populations), then the rest
        java.util.Set<String> read = new java.util.HashSet<>();
        facade.knowledge().packs().forEach(p -> {
            p.dimensions().forEach(d -> read.add(d.profileField()));
            p.info().appliesTo().forEach(c -> read.add(c.field()));
        });
        for (ProfileField field : ProfileSchema.FIELDS.stream().filter(x -> read.contains(x.name())).toList()) {
            f.append(input(field, params.get(field.name())));
        }
        f.append("<details><summary>More fields (optional)</summary><div class=\"more\">");
        for (ProfileField field : ProfileSchema.FIELDS.stream().filter(x -> !read.contains(x.name())).toList()) {
            f.append(input(field, params.get(field.name())));
        }
        f.append("</div></details><div><button type=\"submit\">Show the evidence</button></div></form>");
        return f.toString();
    }

    private static String input(ProfileField field, String value) {
        String v = value == null ? "" : esc(value);
        if (!field.isNumeric()) {
            StringBuilder s = new StringBuilder("<label>" + esc(field.label()) + "<select name=\"" + field.name() + "\"><option value=\"\">(not given)</option>");
            for (String option : field.allowed()) {
                s.append("<option").append(option.equals(value) ? " selected" : "").append(">").append(esc(option)).append("</option>");
            }
            return s.append("</select></label>").toString();
        }
        return "<label>" + esc(field.label()) + " (" + esc(field.unit()) + ")<input name=\"" + field.name()
                + "\" inputmode=\"decimal\" value=\"" + v + "\" aria-describedby=\"" + field.name() + "-range\"><span id=\""
                + field.name() + "-range\" class=\"muted\">" + org.evidencecds.findings.EffectText.plain(field.min()) + " to " + org.evidencecds.findings.EffectText.plain(field.max()) + "</span></label>";
    }

    private String report(EvidenceReport r) {
        StringBuilder b = new StringBuilder();
        for (EvidenceReport.OutsidePopulation o : r.outsidePopulation()) {
            b.append("<p class=\"notice\">").append(o.evaluated() ? "Shown on request, but the patient is outside the population of "
                    : "Not shown: the patient is outside the population of ").append(esc(o.title())).append(": ")
                    .append(esc(String.join("; ", o.reasons()))).append("</p>");
        }
        if (r.packs().isEmpty()) {
            b.append("<p class=\"notice\">No evidence pack applies to this patient.</p>");
        }
        for (EvidenceReport.PackReport p : r.packs()) {
            b.append("<section aria-label=\"").append(esc(p.title())).append("\"><h2>").append(esc(p.title())).append("</h2>");
            b.append("<p class=\"muted\">Review: ").append(esc(p.review()));
            if (p.reviewDoi() != null) {
                b.append(" <a href=\"https://doi.org/").append(esc(p.reviewDoi())).append("\">doi:").append(esc(p.reviewDoi())).append("</a>");
            }
            b.append("</p><h3>Where the patient stands</h3><table><thead><tr><th>Subgroup</th><th>Input</th><th>Result</th><th>Why</th></tr></thead><tbody>");
            for (EvidenceReport.DimensionResult d : p.dimensions()) {
                b.append("<tr><td>").append(esc(d.name())).append("</td><td>").append(d.input() == null ? "—" : esc(input(d.input(), d.unit())))
                        .append("</td><td>");
                switch (d.status()) {
                    case "in-level" -> b.append(esc(d.levelLabel())).append(d.evidence().isEmpty() ? " (no finding for this level)" : "");
                    case "input-missing" -> b.append("not recorded");
                    default -> b.append("outside the range this evidence covers");
                }
                b.append("</td><td><a href=\"/provenance?rule=").append(enc(d.rule())).append("\">rule</a></td></tr>");
            }
            for (EvidenceReport.InputWithoutEvidence w : p.inputsWithoutEvidence()) {
                b.append("<tr><td>").append(esc(label(w.field()))).append("</td><td>").append(esc(w.input() instanceof Double v
                                ? input(v, org.evidencecds.profile.ProfileSchema.field(w.field()).map(x -> x.unit()).orElse(null)) : String.valueOf(w.input())))
                        .append("</td><td>no subgroup evidence in this pack</td><td><a href=\"/provenance?rule=").append(enc(w.rule())).append("\">rule</a></td></tr>");
            }
            b.append("</tbody></table>");
            b.append("<h3>Protocol</h3><p>").append(esc(p.protocolSummary())).append("</p>");
            for (EvidenceReport.ProtocolView pr : p.protocols()) {
                b.append("<div class=\"finding\"><p><strong>").append(esc(pr.statement())).append("</strong> <a href=\"/provenance?rule=")
                        .append(enc(pr.rule())).append("\">(provenance)</a></p>");
                if (pr.snippet() != null) {
                    b.append("<p><q>").append(esc(pr.snippet())).append("</q></p>");
                }
                b.append("<ul>");
                for (EvidenceReport.ProtocolElement e : pr.elements()) {
                    b.append("<li><strong>").append(esc(e.name())).append(":</strong> ").append(esc(e.label()))
                            .append(" <span class=\"muted\">(").append(esc(e.credibility())).append(" credibility: ").append(esc(e.why())).append(")</span>");
                    for (String f : e.supportingFindings()) {
                        b.append(" <a href=\"/provenance?rule=").append(enc(f)).append("\">(evidence)</a>");
                    }
                    b.append("</li>");
                }
                b.append("</ul></div>");
            }
            b.append("<h3>Outcomes</h3>");
            for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
                b.append("<h4>").append(esc(o.name())).append(o.harm() ? " (harm)" : "").append("</h4>");
                if (o.headlineFinding() != null) {
                    b.append("<p class=\"muted\">Headline: ").append(esc(o.headlineWhy())).append("</p>");
                } else if (o.findings().stream().anyMatch(f -> f.estimate() != null)) {
                    b.append("<p class=\"muted\">No headline: ").append(esc(o.headlineWhy())).append("</p>");
                }
                for (EvidenceReport.FindingView f : o.findings()) {
                    boolean headline = f.id().equals(o.headlineFinding());
                    b.append("<div class=\"finding").append(headline ? " headline" : "").append("\"><strong>").append(esc(f.slice())).append("</strong>: ");
                    b.append(esc(f.effect()));
                    if (f.estimate() == null && f.snippet() != null) {
                        b.append("<br><q>").append(esc(f.snippet())).append("</q>");
                    }
                    b.append("<br><span>Certainty: ").append(esc(f.certainty().summary())).append("</span>");
                    if (headline || f.certainty().rated()) {
                        b.append("<br><em>").append(esc(f.certainty().statement())).append("</em>");
                    }
                    if (f.credibility() != null) {
                        b.append("<br><span>Subgroup credibility: ").append(esc(f.credibility().summary())).append("</span>");
                    }
                    if (f.estimate() != null && f.ciLow() != null) {
                        b.append(plot(f));
                    }
                    b.append("<br><span class=\"muted\">").append(esc(f.origin() + "; " + f.shortCitation() + "; " + f.locator()))
                            .append(" · <a href=\"/provenance?rule=")
                            .append(enc(f.id())).append("\">provenance</a></span></div>");
                }
            }
            if (p.harms() != null) {
                b.append("<h3>Harms</h3><p>").append(esc(p.harms().statement())).append(" <a href=\"/provenance?rule=")
                        .append(enc(p.harms().rule())).append("\">(provenance)</a></p><ul>");
                for (EvidenceReport.FindingView c : p.harms().claims()) {
                    b.append("<li>").append(esc(c.shortCitation())).append(": <q>").append(esc(c.snippet())).append("</q></li>");
                }
                for (EvidenceReport.TrialStatement t : p.harms().trialStatements()) {
                    b.append("<li>").append(esc(t.study() + (t.timepoint() == null ? "" : ", " + t.timepoint()))).append(": <q>").append(esc(t.text()))
                            .append("</q> <span class=\"muted\">(").append(esc(t.source() + ", " + t.locator())).append(")</span></li>");
                }
                b.append("</ul>");
            }
            b.append("<h3>Caveats</h3><ul>");
            for (EvidenceReport.Caveat c : p.caveats()) {
                b.append("<li>").append(esc(c.text())).append("</li>");
            }
            b.append("</ul><details><summary>Rules that fired (").append(p.firedRules().size()).append(")</summary><ul>");
            for (EvidenceReport.FiredRule fr : p.firedRules()) {
                b.append("<li><a href=\"/provenance?rule=").append(enc(fr.rule())).append("\"><code>").append(esc(fr.rule())).append("</code></a></li>");
            }
            b.append("</ul></details></section>");
        }
        return b.toString();
    }

    /** Study-level forest plot where the finding was pooled here; otherwise the published estimate as such. */
    private String plot(EvidenceReport.FindingView f) {
        Finding finding = facade.knowledge().findings().get(f.id());
        if (finding != null && finding.origin() == Finding.Origin.RECOMPUTED) {
            EvidencePack pack = facade.knowledge().pack(finding.packId()).orElseThrow();
            PooledFinding pooled = Synthesis.pool(pack, finding.outcome(),
                    finding.dimension() == null ? Slice.OVERALL : new Slice(finding.dimension(), finding.level()),
                    Synthesis.measureOf(org.evidencecds.evidence.Vocabulary.EffectMeasure.valueOf(finding.measure())), SynthesisOptions.defaults());
            MetaResult m = pooled.result();
            boolean ratio = m.measure().isRatio();
            List<ForestPlot.Row> rows = new ArrayList<>();
            for (int i = 0; i < pooled.rowIds().size(); i++) {
                String rowId = pooled.rowIds().get(i);
                StudyOutcome r = pack.studyOutcome(rowId).orElseThrow();
                EffectSize e = Synthesis.effectSize(r, m.measure());
                double lo = e.yi() - 1.959963984540054 * e.sei();
                double hi = e.yi() + 1.959963984540054 * e.sei();
                rows.add(new ForestPlot.Row(pack.study(r.study()).map(s -> s.label()).orElse(r.study()),
                        ratio ? Math.exp(e.yi()) : e.yi(), ratio ? Math.exp(lo) : lo, ratio ? Math.exp(hi) : hi, m.weightsPercent().get(i)));
            }
            Double piLow = Double.isFinite(m.piLow()) ? (ratio ? m.ratioPiLow() : m.piLow()) : null;
            Double piHigh = Double.isFinite(m.piHigh()) ? (ratio ? m.ratioPiHigh() : m.piHigh()) : null;
            return ForestPlot.svg(f.slice() + ": forest plot", f.measure(), rows,
                    new ForestPlot.Row("Pooled (" + m.method() + ")", f.estimate(), f.ciLow(), f.ciHigh(), null, plotText(f)), piLow, piHigh);
        }
        return ForestPlot.svg(f.slice() + ": published estimate", f.measure(), List.of(),
                new ForestPlot.Row("Published estimate", f.estimate(), f.ciLow(), f.ciHigh(), null, plotText(f)), null, null);
    }

    /** The finding's numbers in the plot, as published ("4.64 [3.11, 6.90]"). */
    private static String plotText(EvidenceReport.FindingView f) {
        return org.evidencecds.findings.EffectText.number(f.estimateText(), f.estimate()) + " [" + org.evidencecds.findings.EffectText.number(f.ciLowText(), f.ciLow())
                + ", " + org.evidencecds.findings.EffectText.number(f.ciHighText(), f.ciHigh()) + "]";
    }

    private static String input(double value, String unit) {
        String u = org.evidencecds.findings.EffectText.inputUnit(unit);
        return org.evidencecds.findings.EffectText.plain(value) + (u.isEmpty() ? "" : u.equals("%") ? "%" : " " + u);
    }

    private static String label(String field) {
        return org.evidencecds.profile.ProfileSchema.field(field).map(x -> x.label()).orElse(field);
    }

    static String page(String title, String body) {
        return page(title, body, CSS);
    }

    /** A page with one of the stylesheets of {@link ContentSecurityPolicy#STYLES} (no other inline style is allowed). */
    static String page(String title, String body, String css) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " · evidence-cds</title><style>" + css + "</style></head><body><main>" + body + "</main></body></html>";
    }

    static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
    }

    private static String enc(String s) {
        return UriUtils.encodeQueryParam(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
