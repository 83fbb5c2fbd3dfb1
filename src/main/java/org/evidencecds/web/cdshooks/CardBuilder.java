package org.evidencecds.web.cdshooks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.fhir.FhirReading;
import org.evidencecds.fhir.ReadNote;

/**
 * The one card a pack's service answers with (alert fatigue: patient-view fires at every chart opening):
 * the headline outcomes in the summary as far as 140 characters allow, every headline with its certainty,
 * the subgroup claims that apply, what was read from the record and what was not, in the detail; links to
 * the full evidence and to the provenance of the first headline. Links start at the configured public base
 * URL, never at the request's Host header.
 */
public final class CardBuilder {

    static final int SUMMARY_MAX = 139;

    private final String baseUrl;

    public CardBuilder(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A card as built: its JSON shape and the findings behind it (for the card ledger). */
    public record Card(String uuid, Map<String, Object> json, List<String> findings) {
    }

    public Card card(EvidenceReport report, EvidencePack pack, FhirReading reading) {
        EvidenceReport.PackReport p = report.packs().get(0);
        List<EvidenceReport.FindingView> headlines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
            if (o.headlineFinding() == null) {
                continue;
            }
            o.findings().stream().filter(f -> f.id().equals(o.headlineFinding())).findFirst().ifPresent(f -> {
                headlines.add(f);
                names.add(o.name());
            });
        }
        String uuid = UUID.randomUUID().toString();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("uuid", uuid);
        card.put("summary", summary(pack, headlines, names));
        card.put("detail", detail(p, headlines, names, reading));
        card.put("indicator", "info");
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("label", p.reviewShortCitation() == null ? pack.info().title() : p.reviewShortCitation() + ", systematic review");
        if (p.reviewDoi() != null) {
            source.put("url", "https://doi.org/" + p.reviewDoi());
        }
        card.put("source", source);
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(Map.of("label", "All evidence for this patient", "url", baseUrl + "/?" + query(report), "type", "absolute"));
        if (!headlines.isEmpty()) {
            links.add(Map.of("label", "Provenance of the " + lowerFirst(names.get(0)) + " estimate", "url",
                    baseUrl + "/provenance?rule=" + URLEncoder.encode(headlines.get(0).id(), StandardCharsets.UTF_8), "type", "absolute"));
        }
        card.put("links", links);
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("org.evidencecds.knowledgeVersion", report.knowledgeVersion());
        extension.put("org.evidencecds.pack", pack.id());
        extension.put("org.evidencecds.findings", headlines.stream().map(EvidenceReport.FindingView::id).toList());
        card.put("extension", extension);
        return new Card(uuid, card, headlines.stream().map(EvidenceReport.FindingView::id).toList());
    }

    /**
     * "Cell therapy for diabetic foot ulcers: complete ulcer healing OR 4.64 (95% CI 3.11 to 6.90), certainty
     * not rated; +6 more outcomes": the first headline with its certainty, then as many as fit in 139 characters.
     */
    static String summary(EvidencePack pack, List<EvidenceReport.FindingView> headlines, List<String> names) {
        String head = pack.info().title() + ": ";
        if (headlines.isEmpty()) {
            return truncate(head + "no headline estimate for this patient; see the detail", SUMMARY_MAX);
        }
        EvidenceReport.FindingView first = headlines.get(0);
        String certainty = ", certainty " + (first.certainty().rated() ? first.certainty().level().words() : "not rated");
        String name = lowerFirst(names.get(0));
        // the first headline is never cut inside a number: with the pack's title and the interval if they fit,
        // else with the title and the estimate (the interval is in the detail; "+N more" goes before it does),
        // else without the title
        String withoutInterval = first.effect().replaceFirst(" \\(95% CI [^)]*\\)$", "");
        String start = null;
        for (String candidate : List.of(head + name + " " + first.effect() + certainty, head + name + " " + withoutInterval + certainty,
                capitalise(name + " " + first.effect() + certainty))) {
            if (candidate.length() <= SUMMARY_MAX) {
                start = candidate;
                break;
            }
        }
        StringBuilder s = new StringBuilder(start == null ? head + name + " " + first.effect() + certainty : start);
        int shown = 1;
        for (int i = 1; i < headlines.size(); i++) {
            String part = "; " + lowerFirst(names.get(i)) + " " + headlines.get(i).effect();
            if (s.length() + part.length() + more(headlines.size() - i - 1).length() > SUMMARY_MAX) {
                break;
            }
            s.append(part);
            shown++;
        }
        String more = more(headlines.size() - shown);
        if (s.length() + more.length() <= SUMMARY_MAX) {
            s.append(more);
        }
        return truncate(s.toString(), SUMMARY_MAX);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String more(int n) {
        return n == 0 ? "" : "; +" + n + " more outcome" + (n == 1 ? "" : "s");
    }

    private static String detail(EvidenceReport.PackReport p, List<EvidenceReport.FindingView> headlines, List<String> names,
                                 FhirReading reading) {
        StringBuilder d = new StringBuilder();
        d.append("**What the evidence shows for this patient**");
        if (p.reviewShortCitation() != null) {
            d.append(" (").append(p.reviewShortCitation()).append(")");
        }
        d.append("\n\n");
        for (int i = 0; i < headlines.size(); i++) {
            EvidenceReport.FindingView f = headlines.get(i);
            d.append("- **").append(names.get(i)).append("**, ").append(f.slice()).append(": ").append(f.effect())
                    .append(". Certainty: ").append(sentence(f.certainty().summary()));
            if (f.certainty().statement() != null) {
                d.append(" ").append(f.certainty().statement());
            }
            d.append("\n");
        }
        // the subgroup named with its dimension ("Diabetes duration < 10 years"), not by its level label alone
        Map<String, String> dimensionOf = new LinkedHashMap<>();
        p.dimensions().forEach(dim -> dim.evidence().forEach(id -> dimensionOf.put(id, dim.name())));
        List<String> claims = new ArrayList<>();
        for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
            for (EvidenceReport.FindingView f : o.findings()) {
                if ("patient".equals(f.role()) && f.credibility() != null) {
                    String subgroup = dimensionOf.containsKey(f.id()) ? dimensionOf.get(f.id()) + " " + f.slice() : f.slice();
                    String outcome = o.outcome() == null ? " (" + lowerFirst(o.name()) + ")" : ", " + lowerFirst(o.name());
                    claims.add("- " + subgroup + outcome + ": " + f.effect() + " (subgroup credibility " + f.credibility().level().words() + ")");
                }
            }
        }
        if (!claims.isEmpty()) {
            d.append("\n**Subgroup claims that match this patient** (comparisons across trials; the estimates above apply):\n\n")
                    .append(String.join("\n", claims)).append("\n");
        }
        if (p.protocolSummary() != null) {
            d.append("\n**Protocol:** ").append(p.protocolSummary()).append("\n");
        }
        if (reading != null) {
            d.append("\n**Read from the record:**\n\n");
            d.append(reading.read().isEmpty() ? "- nothing this evidence uses\n"
                    : reading.read().stream().map(n -> "- " + n.field() + ": " + n.text()).collect(Collectors.joining("\n")) + "\n");
            if (!reading.ignored().isEmpty()) {
                d.append("\n**Not used from the record:**\n\n")
                        .append(reading.ignored().stream().map(CardBuilder::ignored).collect(Collectors.joining("\n"))).append("\n");
            }
        }
        d.append("\n_").append(EvidenceFacade.NOTICE).append("_");
        return d.toString();
    }

    private static String ignored(ReadNote n) {
        return "- ignored: " + (n.field() == null ? "" : n.field() + ": ") + n.text();
    }

    /** The profile as the page's query string, so the link opens the same evaluation. */
    private static String query(EvidenceReport report) {
        return report.profile().entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A summary ending a sentence: a full stop unless it has one. */
    private static String sentence(String s) {
        return s == null || s.isEmpty() || s.endsWith(".") ? s : s + ".";
    }

    static String lowerFirst(String s) {
        return org.evidencecds.evidence.Labels.inSentence(s);
    }

    /** At most {@code max} characters, cut at a word boundary with "…" (never inside a number or a word). */
    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = s.lastIndexOf(' ', max - 1);
        return (cut > max / 2 ? s.substring(0, cut) : s.substring(0, max - 1)).replaceAll("[;,:]$", "") + "…";
    }
}
