package org.evidencecds.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.certainty.Certainty;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.findings.EffectText;
import org.evidencecds.profile.FieldErrorText;
import org.evidencecds.profile.FieldText;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.screening.ScreeningReport;
import org.evidencecds.screening.ScreeningResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the embeddable panel shows (template {@code embed.html}) and what it posts to its host: one view
 * model for the page's first answer and for each answer to a host's message, so both read the same.
 * The {@code result} posted to the host keeps the machine fields of earlier versions and adds
 * {@code summaryText}, a few plain sentences a screening form can store with its record.
 *
 * @param status     the HTTP status of the page (404 for an unknown trial)
 * @param problem    a problem in words, or null
 * @param errors     each refused input in words ("Ulcer area: must be between 0 and 1000 cm² (entered: −1)")
 * @param resultJson the result for the host as JSON for a script block ({@link ScriptJson}), or null while waiting
 */
public record EmbedPanel(int status, String problem, List<String> errors, ScreeningView screening, List<PackView> packs,
                         String notice, String reportUrl, String summaryText, String resultJson) {

    public EmbedPanel {
        errors = List.copyOf(errors);
        packs = List.copyOf(packs);
    }

    /** The screening part: verdict and each criterion in a sentence. */
    public record ScreeningView(String registryId, String title, String verdict, String verdictLabel, String verdictText,
                                List<CriterionView> criteria, String investigatorText, String notice) {
    }

    /** @param effect {@code excludes}, {@code open} or {@code allows}: how the criterion bears on the verdict (for styling) */
    public record CriterionView(String effect, String sentence) {
    }

    /** One evidence pack: where the patient stands, the headline estimates with their certainty, the protocol line. */
    public record PackView(String title, List<String> subgroups, List<HeadlineView> headlines, String protocolLine, String harms,
                           String caveats) {
    }

    public record HeadlineView(String outcome, String estimate, String certainty) {
    }

    public boolean waiting() {
        return problem == null && errors.isEmpty() && screening == null && packs.isEmpty();
    }

    /** Before the host sends the patient's details. */
    static EmbedPanel waitingForDetails() {
        return new EmbedPanel(200, null, List.of(), null, List.of(), null, null, null, null);
    }

    /** A problem in words (an unknown trial, a request the panel cannot read). */
    static EmbedPanel problem(int status, String message) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("problem", message);
        result.put("summaryText", message);
        return new EmbedPanel(status, message, List.of(), null, List.of(), null, null, message, ScriptJson.of(result));
    }

    /** Refused inputs: each with its field's label. */
    static EmbedPanel errors(List<PatientProfile.FieldError> errors) {
        List<String> words = errors.stream().map(FieldErrorText::of).toList();
        List<Map<String, Object>> machine = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("field", errors.get(i).field());
            e.put("reason", errors.get(i).reason());
            e.put("message", words.get(i));
            machine.add(e);
        }
        String summary = "The evidence panel could not use the patient's details: " + String.join("; ", words) + ".";
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("errors", machine);
        result.put("summaryText", summary);
        return new EmbedPanel(200, null, words, null, List.of(), null, null, summary, ScriptJson.of(result));
    }

    /** The evidence for a patient. */
    static EmbedPanel of(EvidenceReport report) {
        return of(report, null);
    }

    /** A screening with the evidence of its trial's pack. */
    static EmbedPanel of(ScreeningReport report) {
        return of(report.evidence(), report.screening());
    }

    private static EmbedPanel of(EvidenceReport report, ScreeningResult screening) {
        List<PackView> packs = report.packs().stream().map(EmbedPanel::pack).toList();
        String reportUrl = reportUrl(report.profile());
        Map<String, Object> result = compact(report);
        ScreeningView screeningView = null;
        List<String> summary = new ArrayList<>();
        if (screening != null) {
            result.put("screening", compact(screening));
            screeningView = new ScreeningView(screening.registryId(), screening.title(), screening.verdict(), screening.verdictLabel(),
                    screening.verdictText(), screening.criteria().stream().map(c -> new CriterionView(
                            c.effect().equals("excludes") ? "excludes" : c.status().equals("unknown") ? "open" : "allows", c.sentence())).toList(),
                    screening.investigatorText(), screening.notice());
            summary.add("Trial " + screening.registryId() + ": " + screening.verdictText() + " " + screening.investigatorText());
        }
        for (int i = 0; i < packs.size(); i++) {
            summary.add(summary(report.packs().get(i), packs.get(i)));
        }
        summary.add(report.notice() + " Evidence version " + report.knowledgeVersion() + ".");
        String summaryText = String.join("\n", summary);
        result.put("reportUrl", reportUrl);
        result.put("summaryText", summaryText);
        return new EmbedPanel(200, null, List.of(), screeningView, packs, report.notice(), reportUrl, summaryText, ScriptJson.of(result));
    }

    private static PackView pack(EvidenceReport.PackReport p) {
        List<String> subgroups = p.dimensions().stream().map(EmbedPanel::subgroup).toList();
        List<HeadlineView> headlines = new ArrayList<>();
        for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
            headline(o).ifPresent(f -> headlines.add(new HeadlineView(o.name(), f.effect(), f.certainty().summary())));
        }
        String protocolLine = p.protocolSummary() + (p.protocols().isEmpty() ? "" : " " + String.join(" ", p.protocols().stream()
                .map(pr -> pr.statement() + " " + String.join("; ", pr.elements().stream().map(e -> e.name() + ": " + e.label()).toList())).toList()));
        String caveats = p.caveats().isEmpty() ? "No caveats." : FieldText.count(p.caveats().size(), "caveat", "caveats") + ": see the full report.";
        return new PackView(p.title(), subgroups, headlines, protocolLine.trim(), p.harms() == null ? null : p.harms().statement(), caveats);
    }

    /** Where the patient stands on one subgroup dimension: "Ulcer area: ≥ 10 cm²", "Diabetes duration: not recorded". */
    static String subgroup(EvidenceReport.DimensionResult d) {
        return d.name() + ": " + switch (d.status()) {
            case "in-level" -> d.levelLabel();
            case "input-missing" -> "not recorded";
            default -> "outside the range the evidence covers";
        };
    }

    private static java.util.Optional<EvidenceReport.FindingView> headline(EvidenceReport.OutcomeEvidence o) {
        return o.headlineFinding() == null ? java.util.Optional.empty()
                : o.findings().stream().filter(x -> x.id().equals(o.headlineFinding())).findFirst();
    }

    /** One pack in plain sentences: headline estimates with their certainty, the patient's subgroups, the protocol summary. */
    private static String summary(EvidenceReport.PackReport p, PackView view) {
        List<String> estimates = new ArrayList<>();
        List<String> certainties = new ArrayList<>();
        for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
            headline(o).ifPresent(f -> {
                estimates.add(o.name() + ": " + f.effect());
                certainties.add(certainty(f.certainty()));
            });
        }
        StringBuilder b = new StringBuilder(p.title()).append(". ");
        if (!estimates.isEmpty()) {
            // one certainty said once when every estimate has it (a stored summary stays short)
            if (certainties.stream().distinct().count() == 1) {
                b.append(String.join("; ", estimates)).append(". ").append(FieldText.capitalized(certainties.get(0)))
                        .append(estimates.size() == 1 ? "." : " for each of these estimates.").append(' ');
            } else {
                List<String> each = new ArrayList<>();
                for (int i = 0; i < estimates.size(); i++) {
                    each.add(estimates.get(i) + ", " + certainties.get(i));
                }
                b.append(String.join("; ", each)).append(". ");
            }
        }
        if (!view.subgroups().isEmpty()) {
            b.append("For this patient: ").append(String.join("; ", view.subgroups())).append(". ");
        }
        return b.append(p.protocolSummary()).toString().trim();
    }

    /** "low certainty", "certainty not rated". */
    static String certainty(Certainty c) {
        return c.rated() ? c.level().words() + " certainty" : "certainty not rated";
    }

    /** The clinician's page with the same inputs. */
    static String reportUrl(Map<String, Object> profile) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/");
        profile.forEach((k, v) -> b.queryParam(k, v instanceof Number n ? EffectText.plainAscii(n.doubleValue()) : String.valueOf(v)));
        return b.encode().build().toUriString();
    }

    /** The screening part of what the panel posts back: the machine fields and the sentences. */
    static Map<String, Object> compact(ScreeningResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", r.trial());
        m.put("title", r.title());
        m.put("rulesVersion", r.rulesVersion());
        m.put("verdict", r.verdict());
        m.put("verdictLabel", r.verdictLabel());
        m.put("verdictText", r.verdictText());
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
            cm.put("label", c.label());
            cm.put("requirement", c.requirement());
            cm.put("statusText", c.statusText());
            cm.put("sentence", c.sentence());
            return cm;
        }).toList());
        m.put("collect", r.collect());
        m.put("collectLabels", r.collectLabels());
        m.put("forTheInvestigator", r.notScreened().size());
        m.put("investigatorText", r.investigatorText());
        m.put("notice", r.notice());
        return m;
    }

    /** The evidence part of what the panel posts back: compact, structured, with the display texts. */
    static Map<String, Object> compact(EvidenceReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("knowledgeVersion", report.knowledgeVersion());
        m.put("profile", report.profile());
        m.put("packs", report.packs().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("pack", p.pack());
            pm.put("title", p.title());
            pm.put("subgroups", p.dimensions().stream().map(EmbedPanel::subgroup).toList());
            pm.put("protocolSummary", p.protocolSummary());
            pm.put("protocol", p.protocols().stream().map(pr -> pr.statement() + " " + String.join("; ",
                    pr.elements().stream().map(e -> e.name() + ": " + e.label()).toList())).toList());
            pm.put("headlines", p.outcomes().stream().filter(o -> headline(o).isPresent()).map(o -> {
                EvidenceReport.FindingView f = headline(o).orElseThrow();
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
        }).toList());
        m.put("notice", report.notice());
        return m;
    }
}
