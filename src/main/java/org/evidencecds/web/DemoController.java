package org.evidencecds.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A realistic trial-screening form hosting the embeddable panel (a demonstration of the integration). */
@RestController
public class DemoController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    /** The host page's script: sends the form's values to the panel, stores what it answers. */
    static final String SCRIPT = """
                (function () {
                  var frame = document.getElementById('panel');
                  var form = document.getElementById('screening');
                  form.addEventListener('submit', function (event) { event.preventDefault(); });
                  document.getElementById('check').addEventListener('click', function () {
                    var profile = {};
                    ['ulcerAreaCm2', 'diabetesDurationYears', 'ulcerDurationDays', 'ageYears', 'wagnerGrade', 'abi', 'tcpo2MmHg', 'hba1cPercent'].forEach(function (name) {
                      var v = form.elements[name].value.trim();
                      if (v) { profile[name] = Number(v); }
                    });
                    if (form.elements.diabetesType.value) { profile.diabetesType = form.elements.diabetesType.value; }
                    var message = {type: 'evidence-cds:evaluate', profile: profile};
                    if (form.elements.trial.value) { message.trial = form.elements.trial.value; }
                    frame.contentWindow.postMessage(message, window.location.origin);
                    document.getElementById('status').textContent = 'Asking the evidence panel…';
                  });
                  window.addEventListener('message', function (event) {
                    if (event.origin !== window.location.origin || !event.data || event.data.type !== 'evidence-cds:result') { return; }
                    var r = event.data.result;
                    document.getElementById('evidenceSummary').value = JSON.stringify(r);
                    document.getElementById('status').textContent = r.errors ? 'The panel refused the details: see the panel.'
                      : (r.screening ? 'Screening ' + r.screening.trial + ': ' + r.screening.verdict + '. ' : '')
                        + 'Evidence summary stored with the record (knowledge ' + r.knowledgeVersion + ').';
                  });
                })();
                """;

    @GetMapping(value = "/demo/screening-form", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> screeningForm() {
        String body = """
                <h1>Trial screening: cell therapy for diabetic foot ulcer (demonstration)</h1>
                <p class="notice">A demonstration host page: a screening form embeds the evidence panel, sends it the candidate's
                details with postMessage, and stores the structured result with the screening record.</p>
                <form id="screening" aria-label="Screening record">
                  <label>Candidate ID<input name="candidateId" value="SCR-0001"></label>
                  <label>Ulcer area (cm2)<input name="ulcerAreaCm2" inputmode="decimal"></label>
                  <label>Diabetes duration (years)<input name="diabetesDurationYears" inputmode="decimal"></label>
                  <label>Ulcer duration (days)<input name="ulcerDurationDays" inputmode="decimal"></label>
                  <label>Age (years)<input name="ageYears" inputmode="decimal"></label>
                  <label>Diabetes type<select name="diabetesType"><option value="">(not given)</option><option>type-1</option><option>type-2</option><option>other</option></select></label>
                  <label>Wagner grade<input name="wagnerGrade" inputmode="numeric"></label>
                  <label>ABI<input name="abi" inputmode="decimal"></label>
                  <label>TcPO2 (mmHg)<input name="tcpo2MmHg" inputmode="decimal"></label>
                  <label>HbA1c (%)<input name="hba1cPercent" inputmode="decimal"></label>
                  <label>Screen for trial<select name="trial"><option value="">(evidence only)</option><option>NCT06003530</option><option>NCT04569409</option></select></label>
                  <label>Informed consent<select name="consent"><option>pending</option><option>given</option></select></label>
                  <div><button type="button" id="check">Check the evidence</button></div>
                  <label class="wide">Evidence summary stored with this record
                    <textarea name="evidenceSummary" id="evidenceSummary" rows="4" readonly></textarea></label>
                </form>
                <p id="status" role="status" class="muted">No evidence requested yet.</p>
                <iframe id="panel" src="/embed" class="panel" title="Evidence panel"></iframe>
                <script></script>
                """;
        // its script by hash; it frames /embed (same origin) and is framed only by itself
        return ResponseEntity.ok().contentType(HTML)
                .header(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.PAGE)
                .body(PageController.page("Screening form (demo)", body.replace("<script></script>", "<script>" + SCRIPT + "</script>")));
    }
}
