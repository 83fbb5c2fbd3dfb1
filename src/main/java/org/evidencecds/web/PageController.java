package org.evidencecds.web;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.evidencecds.audit.Provenance;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.profile.Quote;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.web.page.ClinicianPage;
import org.evidencecds.web.page.ProvenancePage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The clinician's page (templates/page.html): a plain GET form that works without JavaScript, and for a
 * valid profile the answer first: a summary of findings per pack, then the detail. Provenance pages
 * (templates/provenance.html) keep the inputs so "Back" returns to the same answer.
 */
@Controller
public class PageController {

    private final EvidenceFacade facade;
    private final LiveKnowledge live;
    private final Path evidenceDir;

    public PageController(EvidenceFacade facade, LiveKnowledge live, @Value("${evidence.dir:evidence}") String evidenceDir) {
        this.facade = facade;
        this.live = live;
        this.evidenceDir = Path.of(evidenceDir);
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView home(@RequestParam Map<String, String> params) {
        String pack = params.get("pack");
        if (pack != null && !pack.isBlank() && facade.knowledge().pack(pack.trim()).isEmpty()) {
            throw new NotFoundException("pack", pack, "no evidence pack with id '" + Quote.cut(pack) + "'");
        }
        ClinicianPage page = ClinicianPage.of(params, facade, live.screener());
        ModelAndView view = new ModelAndView("page", Map.of("page", page));
        view.setStatus(page.formErrors().isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
        return view;
    }

    @GetMapping(value = "/provenance", produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView provenance(@RequestParam("rule") String rule, @RequestParam Map<String, String> params) {
        Map<String, String> inputs = new LinkedHashMap<>(params);
        inputs.remove("rule");
        String back = "/" + (inputs.isEmpty() ? "" : "?" + ClinicianPage.inputsQuery(inputs)) + "#answer";
        Knowledge knowledge = facade.knowledge();
        var chain = Provenance.of(knowledge, rule, evidenceDir);
        if (chain.isEmpty()) {
            ModelAndView view = new ModelAndView("provenance", Map.of("page", ProvenancePage.unknown(Quote.cut(rule), knowledge.version(), back)));
            view.setStatus(HttpStatus.NOT_FOUND);
            return view;
        }
        return new ModelAndView("provenance", Map.of("page", ProvenancePage.of(chain.get(), knowledge, back)));
    }
}
