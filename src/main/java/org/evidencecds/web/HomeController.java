package org.evidencecds.web;

import org.evidencecds.evidence.EvidencePack;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** A plain landing page: what is loaded and where to go. (The clinician's page comes with the facade.) */
@RestController
public class HomeController {

    private final EvidenceCatalog catalog;

    public HomeController(EvidenceCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    public String home() {
        StringBuilder rows = new StringBuilder();
        for (EvidencePack p : catalog.packs()) {
            rows.append("<tr><td>").append(esc(p.id())).append("</td><td>").append(esc(p.info().version()))
                    .append("</td><td>").append(esc(p.info().title())).append("</td><td>").append(p.studies().size())
                    .append("</td><td>").append(p.reportedEstimates().size())
                    .append("</td><td><a href=\"/api/v1/packs/").append(esc(p.id())).append("/reconciliation\">reconciliation</a></td></tr>");
        }
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>evidence-cds</title>
                <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
                table{border-collapse:collapse;width:100%%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}</style>
                </head><body>
                <h1>evidence-cds</h1>
                <p>Evidence on cell therapy in diabetes, held as data with provenance and pooled by an engine that agrees
                with R metafor. Decision support, never an order.</p>
                <h2>Evidence packs</h2>
                <table><thead><tr><th>pack</th><th>version</th><th>title</th><th>studies</th><th>reported estimates</th><th></th></tr></thead>
                <tbody>%s</tbody></table>
                <p><a href="/api/v1/packs">/api/v1/packs</a> · <a href="/actuator/health">health</a></p>
                </body></html>
                """.formatted(rows);
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
