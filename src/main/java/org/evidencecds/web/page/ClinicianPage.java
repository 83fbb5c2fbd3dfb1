package org.evidencecds.web.page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.findings.EffectText;
import org.evidencecds.profile.FieldErrorText;
import org.evidencecds.profile.FieldText;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.screening.Screener;
import org.evidencecds.screening.ScreeningResult;

/**
 * The clinician's page as data for its template: the form (values as typed, errors by field), and for a
 * valid profile the answer: per pack a summary of findings first, then the protocol line and the trials the
 * patient may fit, then the detail an auditor reads (subgroups, per-outcome plots and findings, harms,
 * notes, fired rules).
 */
public record ClinicianPage(List<FormField> primaryFields, List<FormField> moreFields, boolean moreOpen, List<FormField.Option> packs,
                            List<String> formErrors, Answer answer, String query, String knowledgeVersion, String notice) {

    /** The answer for one valid profile. */
    public record Answer(String patientLine, List<String> outsidePopulation, boolean nothingApplies, List<PackAnswer> packs) {
    }

    /** One pack: the summary table, the protocol line, trials, and the detail. */
    public record PackAnswer(String id, String title, String review, String reviewDoi, SummaryOfFindings summary,
                             String protocolSummary, List<ProtocolLine> protocols, List<TrialLine> trials,
                             List<SubgroupRow> subgroups, List<OutcomeDetail> outcomes, EvidenceReport.Harms harms,
                             List<String> firedRules) {
    }

    /** A protocol as its source suggests it, in one line, with its credibility in words. */
    public record ProtocolLine(String source, String locator, String credibility, String elements, String snippet, String rule) {
    }

    /** A registered trial the patient may fit, with the screening verdict in words and a link into screening. */
    public record TrialLine(String id, String title, String verdict, String summary, String href) {
    }

    /** Where the patient stands on one subgroup dimension (or an input the pack has no subgroup for). */
    public record SubgroupRow(String name, String input, String result, String rule) {
    }

    /** One outcome's detail: its plot (when numbers exist) and every finding that applies, with provenance. */
    public record OutcomeDetail(String id, String name, boolean harm, ForestPlotView plot, List<FindingLine> findings) {
    }

    /** {@code fhirEvidence}: where the finding is served as a FHIR R5 Evidence (null when the knowledge has no such finding). */
    public record FindingLine(String slice, String effect, String certainty, String credibility, String source, String rule,
                              String snippet, boolean headline, String fhirEvidence) {
    }

    private static final Pattern DECIMAL_COMMA = Pattern.compile("\\s*[+-]?\\d+,\\d+\\s*%?\\s*");

    /**
     * The page for the query parameters of a GET: profile fields by name, {@code pack}, and patients' own
     * control risks ({@link SummaryOfFindings#riskField}) in percent.
     */
    public static ClinicianPage of(Map<String, String> params, EvidenceFacade facade, Screener screener) {
        Knowledge knowledge = facade.knowledge();
        Map<String, String> typed = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                typed.put(k, v.trim());
            }
        });
        String pack = typed.get("pack");
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SummaryOfFindings.PatientRisk> risks = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        typed.forEach((k, v) -> {
            if (ProfileSchema.field(k).isPresent()) {
                values.put(k, decimal(v));
            } else if (k.startsWith("risk-")) {
                risks.put(k, risk(v));
                if (risks.get(k).risk() == null) {
                    errors.put(k, SummaryOfFindings.RISK_REFUSED);
                }
            }
        });
        Answer answer = null;
        List<String> formErrors = new ArrayList<>();
        if (!values.isEmpty()) {
            try {
                PatientProfile profile = PatientProfile.of(values);
                EvidenceReport report = facade.evaluate(profile, pack == null ? null : Set.of(pack));
                answer = answer(report, knowledge, screener, profile, risks, inputsQuery(typed));
            } catch (PatientProfile.InvalidProfileException e) {
                for (PatientProfile.FieldError error : e.errors()) {
                    Optional<ProfileField> field = ProfileSchema.field(error.field());
                    String text = FieldErrorText.of(error);
                    if (field.isPresent()) {
                        errors.merge(error.field(), text, (a, b) -> a + " " + b);
                    }
                    formErrors.add(text);
                }
            }
        }
        Set<String> read = new HashSet<>();
        knowledge.packs().forEach(p -> {
            p.dimensions().forEach(d -> read.add(d.profileField()));
            p.info().appliesTo().forEach(c -> read.add(c.field()));
        });
        List<FormField> primary = new ArrayList<>();
        List<FormField> more = new ArrayList<>();
        for (ProfileField f : ProfileSchema.FIELDS) {
            FormField field = FormField.of(f, typed.get(f.name()), errors.get(f.name()));
            (read.contains(f.name()) ? primary : more).add(field);
        }
        // a typed or refused value is never hidden behind a closed "More fields"
        boolean moreOpen = more.stream().anyMatch(f -> !f.value().isEmpty() || f.invalid());
        List<FormField.Option> packs = knowledge.packs().stream()
                .map(p -> new FormField.Option(p.id(), p.info().title(), p.id().equals(pack))).toList();
        if (answer != null) {
            errors.forEach((k, v) -> {
                if (k.startsWith("risk-")) {
                    formErrors.add(v);
                }
            });
        }
        return new ClinicianPage(primary, more, moreOpen, packs, formErrors, answer, inputsQuery(typed), knowledge.version(), EvidenceFacade.NOTICE);
    }

    /** "12,5" is 12.5 (a decimal comma, as many clinicians type it); anything else goes to the profile as typed. */
    static String decimal(String typed) {
        return DECIMAL_COMMA.matcher(typed).matches() ? typed.replace(',', '.').trim() : typed;
    }

    static SummaryOfFindings.PatientRisk risk(String typed) {
        String t = decimal(typed).replace("%", "").trim();
        try {
            double percent = Double.parseDouble(t);
            if (percent >= 0 && percent <= 100 && !t.contains("e") && !t.contains("E")) {
                return new SummaryOfFindings.PatientRisk(typed, percent / 100);
            }
        } catch (NumberFormatException e) {
            // not a number: kept as typed, refused beside its field
        }
        return new SummaryOfFindings.PatientRisk(typed, null);
    }

    /** The query string of the inputs as typed, to carry them to provenance pages and back. */
    public static String inputsQuery(Map<String, String> typed) {
        StringBuilder q = new StringBuilder();
        typed.forEach((k, v) -> {
            if (ProfileSchema.field(k).isPresent() || k.equals("pack") || k.startsWith("risk-")) {
                q.append(q.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v));
            }
        });
        return q.toString();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Answer answer(EvidenceReport report, Knowledge knowledge, Screener screener, PatientProfile profile,
                                 Map<String, SummaryOfFindings.PatientRisk> risks, String query) {
        List<String> outside = report.outsidePopulation().stream()
                .map(o -> (o.evaluated() ? "Shown on request, but the patient is outside the population of " : "Not shown: the patient is outside the population of ")
                        + o.title() + ": " + String.join("; ", o.reasons()) + ".")
                .toList();
        List<PackAnswer> packs = new ArrayList<>();
        for (EvidenceReport.PackReport p : report.packs()) {
            EvidencePack pack = knowledge.pack(p.pack()).orElseThrow();
            packs.add(new PackAnswer(p.pack(), p.title(), p.reviewShortCitation(), p.reviewDoi(), SummaryOfFindings.of(p, pack, risks),
                    p.protocolSummary(), protocols(p), trials(screener, profile, pack, query), subgroups(p), outcomes(p, knowledge),
                    p.harms(), List.copyOf(new LinkedHashSet<>(p.firedRules().stream().map(EvidenceReport.FiredRule::rule).toList()))));
        }
        return new Answer(patientLine(report.profile()), outside, report.packs().isEmpty(), packs);
    }

    /** "Ulcer area 12 cm², diabetes duration 6 years, ulcer duration 250 days". */
    static String patientLine(Map<String, Object> profile) {
        List<String> parts = new ArrayList<>();
        for (ProfileField f : ProfileSchema.FIELDS) {
            Object v = profile.get(f.name());
            if (v == null) {
                continue;
            }
            parts.add((parts.isEmpty() ? f.label() : FieldText.inSentence(f.label())) + " " + FieldText.value(f.name(), v));
        }
        return String.join(", ", parts);
    }

    private static List<ProtocolLine> protocols(EvidenceReport.PackReport p) {
        return p.protocols().stream().map(pr -> new ProtocolLine(pr.shortCitation(), pr.locator(), pr.credibility(),
                String.join("; ", pr.elements().stream().map(e -> e.name() + ": " + e.label() + " (" + e.credibility() + " credibility)").toList()),
                pr.snippet(), pr.rule())).toList();
    }

    private static List<TrialLine> trials(Screener screener, PatientProfile profile, EvidencePack pack, String query) {
        List<TrialLine> lines = new ArrayList<>();
        for (var protocol : screener.protocols()) {
            if (protocol.evidencePack() != null && !protocol.evidencePack().equals(pack.id())) {
                continue;
            }
            ScreeningResult r = screener.screen(protocol.id(), profile);
            if ("not-eligible".equals(r.verdict())) {
                continue;
            }
            lines.add(new TrialLine(r.trial(), r.title(), r.verdictLabel(),
                    r.verdictText() + (r.investigatorText() == null ? "" : " " + r.investigatorText()),
                    "/embed?trial=" + enc(r.trial()) + (query.isEmpty() ? "" : "&" + query)));
        }
        return lines;
    }

    private static List<SubgroupRow> subgroups(EvidenceReport.PackReport p) {
        List<SubgroupRow> rows = new ArrayList<>();
        for (EvidenceReport.DimensionResult d : p.dimensions()) {
            String result = switch (d.status()) {
                case "in-level" -> d.levelLabel() + (d.evidence().isEmpty() ? " (no finding for this subgroup)" : "");
                case "input-missing" -> "Not recorded";
                default -> "Outside the range this evidence covers";
            };
            rows.add(new SubgroupRow(d.name(), d.input() == null ? "—" : FieldText.value(d.field(), d.input()), result, d.rule()));
        }
        for (EvidenceReport.InputWithoutEvidence w : p.inputsWithoutEvidence()) {
            rows.add(new SubgroupRow(FieldText.label(w.field()), FieldText.value(w.field(), w.input()), "No subgroup evidence in this pack", w.rule()));
        }
        return rows;
    }

    /** The address of a finding's FHIR R5 Evidence ({@code GET /fhir/Evidence/{id}}), or null when the knowledge has no such finding. */
    public static String fhirEvidence(Knowledge knowledge, String findingId) {
        org.evidencecds.findings.Finding f = findingId == null ? null : knowledge.findings().get(findingId);
        return f == null ? null : "/fhir/Evidence/" + org.evidencecds.ebm.EvidenceExport.evidenceId(f);
    }

    /** The certainty level in words ("Low certainty"), or "Not rated"; its reasons are in the summary's notes. */
    static String certaintyWords(org.evidencecds.certainty.Certainty c) {
        return c.rated() ? FieldText.capitalized(c.level().words()) + " certainty" : "Not rated";
    }

    private static List<OutcomeDetail> outcomes(EvidenceReport.PackReport p, Knowledge knowledge) {
        List<OutcomeDetail> out = new ArrayList<>();
        for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
            // the reasons are said once, in the notes under the summary: here the level in words only
            List<FindingLine> lines = o.findings().stream().map(f -> new FindingLine(f.slice(), f.effect(), certaintyWords(f.certainty()),
                    f.credibility() == null ? null : f.credibility().level().words(),
                    f.shortCitation() + ", " + f.locator(), f.rule(), f.estimate() == null ? f.snippet() : null,
                    f.id().equals(o.headlineFinding()), fhirEvidence(knowledge, f.id()))).toList();
            ForestPlotView plot = ForestPlots.forOutcome(knowledge, p, o).orElse(null);
            out.add(new OutcomeDetail(o.outcome() == null ? "unnamed" : o.outcome(), o.name(), o.harm(), plot, lines));
        }
        return out;
    }
}
