package org.evidencecds.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.knowledge.EvidenceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators take an evidence update without a restart: {@code POST /admin/knowledge/reload} reloads the
 * configured {@code evidence.dir} and {@code rules.dir} (see {@link LiveKnowledge#reload}). The path is under
 * {@code /admin}, which only an administrator may call (see {@link SecurityConfiguration}).
 *
 * <p>200 {@code {"previous": v1, "current": v2, "changed": true, ...}}; the same content again is a no-op
 * ({@code "changed": false}). 422 problem+json with {@code problems}, every problem as
 * {@code file:line:column: field: reason}, when the folders do not load: the running version keeps answering.
 */
@RestController
@RequestMapping("/admin/knowledge")
public class KnowledgeAdminController {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeAdminController.class);

    private final LiveKnowledge live;

    public KnowledgeAdminController(LiveKnowledge live) {
        this.live = live;
    }

    @PostMapping(value = "/reload", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> reload() {
        LiveKnowledge.Reload r = live.reload();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("previous", r.previous());
        m.put("current", r.current());
        m.put("changed", r.changed());
        m.put("message", message(r));
        m.put("previousTrials", r.previousTrials());
        m.put("currentTrials", r.currentTrials());
        m.put("tookMs", r.tookMs());
        LOG.info("knowledge reload: {} ({} ms)", m.get("message"), r.tookMs());
        return m;
    }

    private static String message(LiveKnowledge.Reload r) {
        if (!r.previous().equals(r.current())) {
            return "knowledge " + r.current() + " answers from now on (was " + r.previous() + ")";
        }
        if (r.changed()) {
            List<String> installed = r.currentTrials().stream().filter(t -> !r.previousTrials().contains(t)).toList();
            return "trial rules " + (installed.isEmpty() ? String.join(", ", r.currentTrials()) : String.join(", ", installed))
                    + " answer from now on; knowledge " + r.current() + " is unchanged";
        }
        return "nothing to reload: the evidence and rules are those of the running version " + r.current();
    }

    @ExceptionHandler(EvidenceDirectory.Refused.class)
    ProblemDetail refused(EvidenceDirectory.Refused e) {
        String running = live.facade().knowledge().version();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.problems().size()
                + " problem(s) in the evidence; nothing was reloaded and knowledge " + running + " keeps answering");
        p.setTitle("Evidence refused");
        p.setType(URI.create("urn:evidence-cds:problem:evidence-refused"));
        p.setProperty("problems", e.problems());
        p.setProperty("current", running);
        LOG.warn("knowledge reload refused: {} problem(s), first: {}", e.problems().size(), e.problems().get(0));
        return p;
    }
}
