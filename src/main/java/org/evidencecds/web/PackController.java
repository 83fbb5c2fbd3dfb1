package org.evidencecds.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.meta.Method;
import org.evidencecds.reconcile.ReconciliationReport;
import org.evidencecds.reconcile.Reconciler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only evidence resources. Thin: the domain core does the work. */
@RestController
@RequestMapping("/api/v1/packs")
public class PackController {

    private final EvidenceCatalog catalog;

    public PackController(EvidenceCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    public List<Map<String, Object>> packs() {
        return catalog.packs().stream().map(PackController::summary).toList();
    }

    @GetMapping("/{id}")
    public Map<String, Object> pack(@PathVariable String id) {
        return summary(find(id));
    }

    @GetMapping("/{id}/reconciliation")
    public ReconciliationReport reconciliation(@PathVariable String id) {
        return Reconciler.reconcile(find(id), Method.REML);
    }

    private EvidencePack find(String id) {
        return catalog.pack(id).orElseThrow(() -> new UnknownPackException(id));
    }

    static Map<String, Object> summary(EvidencePack p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("version", p.info().version());
        m.put("title", p.info().title());
        m.put("contentHash", p.contentHash());
        m.put("review", p.source(p.info().review()).map(s -> s.citation()).orElse(null));
        m.put("studies", p.studies().size());
        m.put("studyOutcomes", p.studyOutcomes().size());
        m.put("reportedEstimates", p.reportedEstimates().size());
        m.put("conflicts", p.conflicts().size());
        return m;
    }

    static final class UnknownPackException extends RuntimeException {
        UnknownPackException(String id) {
            super(id);
        }
    }

    @ExceptionHandler(UnknownPackException.class)
    ProblemDetail unknownPack(UnknownPackException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no evidence pack with id '" + e.getMessage() + "'; known: "
                        + String.join(", ", catalog.packs().stream().map(EvidencePack::id).toList()));
        problem.setTitle("Unknown evidence pack");
        return problem;
    }
}
