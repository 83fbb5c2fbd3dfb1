package org.evidencecds.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.Quote;
import org.evidencecds.screening.ScreeningReport;
import org.evidencecds.screening.Screener;
import org.evidencecds.screening.TrialProtocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The embeddable panel for a trial-screening form (template {@code embed.html}, script {@code /js/embed.js}).
 * The profile comes as query parameters, or by {@code window.postMessage({type: "evidence-cds:evaluate",
 * profile, trial})} from an allowed host origin, which the panel's script answers through
 * {@code POST /embed/panel}; the panel posts {@code {type: "evidence-cds:result", result}} back, and
 * {@code {type: "evidence-cds:resize", height}} whenever its height changes. Framing and messages are
 * limited to the configured origins (same origin by default). Every answer is audited, as on every channel.
 */
@Controller
public class EmbedController {

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

    /** The panel page: its first answer from the query parameters, if there are any. */
    @GetMapping(value = "/embed", produces = MediaType.TEXT_HTML_VALUE)
    public String embed(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank() && !k.equals("trial")) {
                values.put(k, v.trim());
            }
        });
        String trial = params.get("trial") == null || params.get("trial").isBlank() ? null : params.get("trial").trim();
        EmbedPanel view = values.isEmpty() && trial == null ? EmbedPanel.waitingForDetails() : answer(trial, values, !values.isEmpty());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("allowedOrigins", allowedOrigins);
        config.put("trial", view.problem() == null ? trial : null);
        model.addAttribute("config", ScriptJson.of(config));
        return render(view, model, response, "embed");
    }

    /**
     * An answer to a host's message, as the panel's HTML (the fragment {@code panel} of {@code embed.html}):
     * the body is {@code {"trial": "NCT06003530", "profile": {"ulcerAreaCm2": 4}}}, the trial optional.
     */
    @PostMapping(value = "/embed/panel", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    public String panel(@RequestBody Map<String, Object> body, Model model, HttpServletResponse response) {
        Object trial = body.get("trial");
        Object profile = body.get("profile");
        EmbedPanel view;
        if (trial != null && !(trial instanceof String) || profile != null && !(profile instanceof Map)) {
            view = EmbedPanel.problem(400, "The evidence panel was sent details it cannot read: the trial must be a registry id "
                    + "and the patient's details a set of named values.");
        } else {
            Map<String, Object> values = new LinkedHashMap<>();
            if (profile instanceof Map<?, ?> m) {
                m.forEach((k, v) -> values.put(String.valueOf(k), v));
            }
            String id = trial == null || ((String) trial).isBlank() ? null : ((String) trial).trim();
            view = answer(id, values, true);
        }
        return render(view, model, response, "embed :: panel");
    }

    private String render(EmbedPanel view, Model model, HttpServletResponse response, String template) {
        // framed by the allowed host origins; its own script and styles are static files, as on every page
        response.setHeader(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.policy(
                "'self'" + (allowedOrigins.isEmpty() ? "" : " " + String.join(" ", allowedOrigins))));
        response.setStatus(view.status());
        model.addAttribute("view", view);
        return template;
    }

    /** Evaluates (and screens, given a trial), recording the answer before it is shown. */
    private EmbedPanel answer(String trial, Map<String, Object> values, boolean evaluate) {
        // read once: a reload may install another screener meanwhile
        Screener screener = live.screener();
        if (trial != null && screener.trial(trial).isEmpty()) {
            return EmbedPanel.problem(404, "No registered trial protocol " + Quote.cut(trial) + ": choose one of "
                    + String.join(", ", screener.protocols().stream().map(TrialProtocol::id).toList()) + ".");
        }
        if (!evaluate) {
            return EmbedPanel.waitingForDetails();
        }
        PatientProfile profile;
        try {
            profile = PatientProfile.of(values);
        } catch (PatientProfile.InvalidProfileException e) {
            return EmbedPanel.errors(e.errors());
        }
        if (trial == null) {
            EvidenceReport report = facade.evaluate(profile);
            audit.record("embed", null, null, values, report);
            return EmbedPanel.of(report);
        }
        ScreeningReport report = ScreeningReport.of(screener, facade, trial, profile);
        audit.recordScreening("embed-screening", null, null, values, report);
        return EmbedPanel.of(report);
    }
}
