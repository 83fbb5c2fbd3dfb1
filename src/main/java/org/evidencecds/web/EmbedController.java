package org.evidencecds.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embeddable panel for a trial-screening form: the profile comes as query parameters or by
 * {@code window.postMessage({type: "evidence-cds:evaluate", profile})} from an allowed host origin; the
 * panel shows a compact summary and posts {@code {type: "evidence-cds:result", result}} back to the host.
 * Framing and messages are limited to the configured origins (same origin by default).
 */
@RestController
public class EmbedController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EvidenceFacade facade;
    private final LiveKnowledge live;
    private final AuditRecorder audit;
    private final List<String> allowedOrigins;

    public EmbedController(EvidenceFacade facade, LiveKnowledge live, AuditRecorder audit,
                           @Value("${embed.allowed-origins:}") List<String> allowedOrigins) {
        this.facade = facade;
        this.live = live;
        this.audit = audit;
        this.allowedOrigins = allowedOrigins.stream().filter(o -> !o.isBlank()).toList();
    }

    @GetMapping(value = "/embed", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> embed(@RequestParam Map<String, String> params) throws JsonProcessingException {
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank() && !k.equals("trial")) {
                values.put(k, v.trim());
            }
        });
        // read once: a reload may install another screener meanwhile
        org.evidencecds.screening.Screener screener = live.screener();
        String trial = params.get("trial") == null || params.get("trial").isBlank() ? null : params.get("trial").trim();
        if (trial != null && screener.trial(trial).isEmpty()) {
            throw new NotFoundException("trial", trial, "no trial protocol with id '" + org.evidencecds.profile.Quote.cut(trial) + "'");
        }
        String initial = "null";
        String summary = "<p class=\"muted\">Waiting for the patient's details from the form…</p>";
        if (!values.isEmpty()) {
            try {
                PatientProfile profile = PatientProfile.of(values);
                Map<String, Object> shown;
                if (trial == null) {
                    EvidenceReport report = facade.evaluate(profile);
                    audit.record("embed", null, null, values, report);
                    shown = compact(report);
                } else {
                    var report = org.evidencecds.screening.ScreeningReport.of(screener, facade, trial, profile);
                    audit.recordScreening("embed-screening", null, null, values, report);
                    shown = compact(report.evidence());
                    shown.put("screening", compact(report.screening()));
                }
                initial = JSON.writeValueAsString(shown);
                summary = "";
            } catch (PatientProfile.InvalidProfileException e) {
                initial = JSON.writeValueAsString(Map.of("errors", e.errors()));
                summary = "";
            }
        }
        String origins = JSON.writeValueAsString(allowedOrigins);
        String script = "\n" + SCRIPT.replace("__ORIGINS__", origins).replace("__TRIAL__", JSON.writeValueAsString(trial))
                .replace("__INITIAL__", initial.replace("</", "<\\/")) + "\n";
        String body = "<div id=\"panel\" aria-live=\"polite\">" + summary + "</div><script>" + script + "</script>";
        String frameAncestors = "'self'" + (allowedOrigins.isEmpty() ? "" : " " + String.join(" ", allowedOrigins));
        // the panel's own policy: its script (with this answer in it) by hash, framed by the allowed host origins
        return ResponseEntity.ok().contentType(HTML)
                .header(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.policy(frameAncestors))
                .body(PageController.page("Evidence panel", body, PageController.EMBED_CSS));
    }

    /** The screening part of what the panel shows and posts back. */
    static Map<String, Object> compact(org.evidencecds.screening.ScreeningResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", r.trial());
        m.put("rulesVersion", r.rulesVersion());
        m.put("verdict", r.verdict());
        m.put("summary", r.summary());
        m.put("criteria", r.criteria().stream().map(c -> {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("id", c.id());
            cm.put("kind", c.kind());
            cm.put("status", c.status());
            cm.put("effect", c.effect());
            cm.put("condition", c.condition());
            cm.put("inputs", c.inputs());
            cm.put("missing", c.missing());
            return cm;
        }).toList());
        m.put("collect", r.collect());
        m.put("forTheInvestigator", r.notScreened().size());
        m.put("notice", r.notice());
        return m;
    }

    /** What the panel shows and posts back: compact, structured, and enough for a form to store. */
    static Map<String, Object> compact(EvidenceReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("knowledgeVersion", report.knowledgeVersion());
        m.put("profile", report.profile());
        List<Map<String, Object>> packs = report.packs().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("pack", p.pack());
            pm.put("subgroups", p.dimensions().stream().map(d -> d.name() + ": " + switch (d.status()) {
                case "in-level" -> d.levelLabel();
                case "input-missing" -> "input missing";
                default -> "outside the range the evidence covers";
            }).toList());
            pm.put("protocolSummary", p.protocolSummary());
            pm.put("protocol", p.protocols().stream().map(pr -> pr.statement() + " " + String.join("; ",
                    pr.elements().stream().map(e -> e.name() + ": " + e.label()).toList())).toList());
            pm.put("headlines", p.outcomes().stream().filter(o -> o.headlineFinding() != null).map(o -> {
                EvidenceReport.FindingView f = o.findings().stream().filter(x -> x.id().equals(o.headlineFinding())).findFirst().orElseThrow();
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("outcome", o.name());
                h.put("finding", f.id());
                h.put("estimate", f.effect());
                h.put("certainty", f.certainty().summary());
                return h;
            }).toList());
            pm.put("harms", p.harms() == null ? null : p.harms().statement());
            pm.put("caveats", p.caveats().size());
            return pm;
        }).toList();
        m.put("packs", packs);
        m.put("notice", report.notice());
        return m;
    }

    private static final String SCRIPT = """
            (function () {
              var allowed = __ORIGINS__;
              var own = window.location.origin;
              function ok(origin) { return origin === own || allowed.indexOf(origin) >= 0; }
              function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]; }); }
              function render(result) {
                var el = document.getElementById('panel');
                if (result.errors) {
                  el.innerHTML = '<div class="error" role="alert"><strong>Please check:</strong><ul>' + result.errors.map(function (e) {
                    return '<li>' + esc(e.field) + ': ' + esc(e.reason) + '</li>'; }).join('') + '</ul></div>';
                  return;
                }
                var html = '';
                if (result.screening) {
                  var s = result.screening;
                  html += '<h2>Trial ' + esc(s.trial) + ': <span class="verdict">' + esc(s.verdict) + '</span></h2><p>' + esc(s.summary) + '</p><ul class="criteria">' +
                    s.criteria.map(function (c) {
                      var ins = Object.keys(c.inputs).map(function (k) { return k + ' = ' + c.inputs[k]; }).join(', ');
                      return '<li>' + esc(c.kind) + ' <strong>' + esc(c.id) + '</strong>: ' + esc(c.status) + ' (' + esc(c.effect) + ')' +
                        (ins ? ' <span class="muted">' + esc(ins) + '</span>' : '') + (c.missing.length ? ' <span class="muted">missing ' + esc(c.missing.join(', ')) + '</span>' : '') + '</li>';
                    }).join('') + '</ul><p class="notice">' + esc(s.notice) + '</p>';
                }
                result.packs.forEach(function (p) {
                  html += '<h2>Evidence summary</h2><ul>' + p.subgroups.map(function (s) { return '<li>' + esc(s) + '</li>'; }).join('') + '</ul>';
                  html += '<p><strong>Protocol:</strong> ' + esc(p.protocolSummary) + (p.protocol.length ? ' ' + p.protocol.map(esc).join(' ') : '') + '</p>';
                  html += '<ul class="headlines">' + p.headlines.map(function (h) {
                    return '<li><strong>' + esc(h.outcome) + '</strong>: ' + esc(h.estimate) + '<br><span class="muted">certainty ' + esc(h.certainty) + '</span></li>';
                  }).join('') + '</ul>' + (p.harms ? '<p>' + esc(p.harms) + '</p>' : '') + '<p class="muted">' + p.caveats + ' caveats · <a target="_blank" rel="noopener" href="/?' +
                  Object.keys(result.profile).map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(result.profile[k]); }).join('&') +
                  '">full report</a></p>';
                });
                html += '<p class="notice">' + esc(result.notice) + '</p>';
                el.innerHTML = html;
              }
              function post(result) {
                if (window.parent === window) { return; }
                var target = allowed.length ? null : own;
                if (target) { window.parent.postMessage({type: 'evidence-cds:result', result: result}, target); }
                else { allowed.forEach(function (o) { window.parent.postMessage({type: 'evidence-cds:result', result: result}, o); }); }
              }
              function show(result) { render(result); post(result); }
              window.addEventListener('message', function (event) {
                if (!ok(event.origin) || !event.data || event.data.type !== 'evidence-cds:evaluate') { return; }
                var trial = event.data.trial || defaultTrial;
                if (trial) {
                  fetch('/api/v1/screenings', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Evidence-Channel': 'embed'},
                      body: JSON.stringify({trial: trial, profile: event.data.profile || {}})})
                    .then(function (r) { return r.json(); })
                    .then(function (body) {
                      if (body.errors || !body.screening) { show({errors: body.errors || [{field: 'trial', reason: body.detail || 'not answered'}]}); return; }
                      var shown = compact(body.evidence); shown.screening = compactScreening(body.screening); show(shown);
                    });
                  return;
                }
                fetch('/api/v1/evaluations', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Evidence-Channel': 'embed'}, body: JSON.stringify(event.data.profile || {})})
                  .then(function (r) { return r.json(); })
                  .then(function (body) { if (body.errors) { show({errors: body.errors}); } else { show(compact(body)); } });
              });
              var defaultTrial = __TRIAL__;
              function compactScreening(s) {
                return {trial: s.trial, rulesVersion: s.rulesVersion, verdict: s.verdict, summary: s.summary, collect: s.collect,
                  forTheInvestigator: s.notScreened.length, notice: s.notice, criteria: s.criteria.map(function (c) {
                    return {id: c.id, kind: c.kind, status: c.status, effect: c.effect, condition: c.condition, inputs: c.inputs, missing: c.missing};
                  })};
              }
              function compact(report) {
                return {knowledgeVersion: report.knowledgeVersion, profile: report.profile, notice: report.notice, packs: report.packs.map(function (p) {
                  return {pack: p.pack,
                    subgroups: p.dimensions.map(function (d) { return d.name + ': ' + (d.status === 'in-level' ? d.levelLabel : d.status === 'input-missing' ? 'input missing' : 'outside the range the evidence covers'); }),
                    protocolSummary: p.protocolSummary,
                    protocol: p.protocols.map(function (pr) { return pr.statement + ' ' + pr.elements.map(function (e) { return e.name + ': ' + e.label; }).join('; '); }),
                    headlines: p.outcomes.filter(function (o) { return o.headlineFinding; }).map(function (o) {
                      var f = o.findings.filter(function (x) { return x.id === o.headlineFinding; })[0];
                      // the server's display text: the same numbers as the page and the API, as published
                      return {outcome: o.name, finding: f.id, estimate: f.effect, certainty: f.certainty.summary};
                    }),
                    harms: p.harms ? p.harms.statement : null,
                    caveats: p.caveats.length};
                })};
              }
              var initial = __INITIAL__;
              if (initial) { show(initial); }
              if (window.parent !== window) { (allowed.length ? allowed : [own]).forEach(function (o) { window.parent.postMessage({type: 'evidence-cds:ready'}, o); }); }
            })();
            """;
}
