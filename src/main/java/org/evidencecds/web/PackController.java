package org.evidencecds.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.audit.Provenance;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Study;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.meta.Method;
import org.evidencecds.reconcile.ReconciliationReport;
import org.evidencecds.reconcile.Reconciler;
import org.evidencecds.rules.Knowledge;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only evidence resources: packs, findings with certainty, studies, rules, provenance, knowledge. */
@RestController
@RequestMapping("/api/v1")
public class PackController {

    private final EvidenceFacade facade;
    private final java.nio.file.Path evidenceDir;

    public PackController(EvidenceFacade facade, @Value("${evidence.dir:evidence}") String evidenceDir) {
        this.facade = facade;
        this.evidenceDir = java.nio.file.Path.of(evidenceDir);
    }

    @GetMapping("/knowledge")
    public Map<String, Object> knowledge() {
        Knowledge k = facade.knowledge();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", k.version());
        m.put("packs", k.packs().stream().map(p -> p.id() + "@" + p.info().version()).toList());
        m.put("rules", k.rules().size());
        return m;
    }

    @GetMapping("/packs")
    public List<Map<String, Object>> packs() {
        return facade.knowledge().packs().stream().map(PackController::summary).toList();
    }

    @GetMapping("/packs/{id}")
    public Map<String, Object> pack(@PathVariable String id) {
        return summary(find(id));
    }

    @GetMapping("/packs/{id}/findings")
    public List<Map<String, Object>> findings(@PathVariable String id) {
        EvidencePack pack = find(id);
        Knowledge k = facade.knowledge();
        return k.findings().values().stream().filter(f -> f.packId().equals(pack.id())).map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("finding", f);
            m.put("certainty", k.assessment(f.id()).certainty());
            m.put("credibility", k.assessment(f.id()).credibility());
            return m;
        }).toList();
    }

    @GetMapping("/packs/{id}/studies")
    public List<Study> studies(@PathVariable String id) {
        return find(id).studies();
    }

    @GetMapping("/packs/{id}/reconciliation")
    public ReconciliationReport reconciliation(@PathVariable String id) {
        return Reconciler.reconcile(find(id), Method.REML);
    }

    @GetMapping("/rules")
    public List<Map<String, Object>> rules() {
        return facade.knowledge().rules().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.getName());
            m.put("metadata", new java.util.TreeMap<>(r.getMetaData()));
            return m;
        }).toList();
    }

    /** Rule ids contain slashes, so the id is a query parameter: /api/v1/provenance?rule=... */
    @GetMapping("/provenance")
    public Provenance.Chain provenance(@RequestParam("rule") String rule) {
        return Provenance.of(facade.knowledge(), rule, evidenceDir).orElseThrow(() -> new NotFoundException("rule", rule,
                "no rule with this id in knowledge " + facade.knowledge().version()));
    }

    private EvidencePack find(String id) {
        return facade.knowledge().pack(id).orElseThrow(() -> new NotFoundException("pack", id, "no evidence pack with id '" + org.evidencecds.profile.Quote.cut(id)
                + "'; known: " + String.join(", ", facade.knowledge().packs().stream().map(EvidencePack::id).toList())));
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

}
