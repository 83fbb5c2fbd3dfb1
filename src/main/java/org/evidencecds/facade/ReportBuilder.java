package org.evidencecds.facade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Level;
import org.evidencecds.evidence.OutcomeDefinition;
import org.evidencecds.findings.Finding;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileSchema;
import org.evidencecds.rules.Evaluation;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.RuleCompiler;
import org.evidencecds.certainty.Protocols;
import org.evidencecds.evidence.Source;
import org.evidencecds.evidence.StudyOutcome;
import org.evidencecds.findings.EffectText;

/**
 * Shapes what the rules collected into the report. It decides nothing: levels, statuses, findings,
 * headlines, protocol elements and caveats are exactly those the fired rules produced; this class only
 * groups them by pack and looks up labels and provenance for display.
 */
final class ReportBuilder {

    private ReportBuilder() {
    }

    /** A report with no pack: none applies to the patient (the caller says why). */
    static EvidenceReport withoutPacks(Knowledge k, PatientProfile profile) {
        Map<String, Object> input = profile.values();
        return new EvidenceReport(k.version(), input, List.of(), EvidenceFacade.NOTICE);
    }

    static EvidenceReport build(Knowledge k, PatientProfile profile, Evaluation e, Set<String> packIds) {
        Map<String, Object> input = profile.values();
        List<EvidenceReport.PackReport> packs = new ArrayList<>();
        for (EvidencePack pack : k.packs()) {
            if (packIds != null && !packIds.isEmpty() && !packIds.contains(pack.id())) {
                continue;
            }
            packs.add(pack(k, pack, e, profile));
        }
        return new EvidenceReport(k.version(), input, packs, EvidenceFacade.NOTICE);
    }

    private static EvidenceReport.PackReport pack(Knowledge k, EvidencePack pack, Evaluation e, PatientProfile profile) {
        String p = pack.id();
        List<Finding> fired = new ArrayList<>();
        List<EvidenceReport.FiredRule> firedRules = new ArrayList<>();
        for (Evaluation.Fired f : e.firedRules()) {
            Object rulePack = f.metadata().get("pack");
            if (p.equals(rulePack) || (rulePack == null && isAssemblyFor(e, f.rule(), p))) {
                firedRules.add(new EvidenceReport.FiredRule(f.rule(), f.metadata()));
            }
            Object findingId = f.metadata().get("findingId");
            if (findingId != null && p.equals(rulePack)) {
                fired.add(k.findings().get(findingId.toString()));
            }
        }

        List<EvidenceReport.DimensionResult> dimensions = new ArrayList<>();
        for (Dimension d : pack.dimensions()) {
            if (d.profileField() == null) {
                continue;
            }
            String unit = ProfileSchema.field(d.profileField()).map(f -> f.unit()).orElse(d.unit());
            String fieldLabel = EffectText.label(d.profileField());
            for (Evaluation.LevelMatch m : e.levels()) {
                if (m.pack().equals(p) && m.dimension().equals(d.id())) {
                    Level level = d.level(m.level()).orElseThrow();
                    List<String> evidence = fired.stream().filter(f -> f.role() == Finding.Role.PATIENT
                            && d.id().equals(f.dimension()) && m.level().equals(f.level())).map(Finding::id).toList();
                    String label = EffectText.display(level.label());
                    dimensions.add(new EvidenceReport.DimensionResult(d.id(), d.name(), d.profileField(), unit, "in-level",
                            profile.number(d.profileField()), level.id(), label, level.interval() == null ? null : level.interval().toString(),
                            level.basis().name().toLowerCase(Locale.ROOT), evidence, m.rule(), fieldLabel,
                            inputText(d.profileField(), profile), label));
                }
            }
            for (Evaluation.DimensionStatus s : e.statuses()) {
                if (s.pack().equals(p) && d.id().equals(s.dimension())) {
                    dimensions.add(new EvidenceReport.DimensionResult(d.id(), d.name(), d.profileField(), unit, s.status(),
                            profile.number(d.profileField()), null, null, null, null, List.of(), s.rule(), fieldLabel,
                            inputText(d.profileField(), profile), statusText(s.status(), d.profileField())));
                }
            }
        }

        List<EvidenceReport.InputWithoutEvidence> withoutEvidence = new ArrayList<>();
        for (Evaluation.DimensionStatus s : e.statuses()) {
            if (s.pack().equals(p) && s.dimension() == null) {
                // the input as given (the rules' answer may have been reached for an equivalent profile)
                withoutEvidence.add(new EvidenceReport.InputWithoutEvidence(s.field(), profile.value(s.field()), s.status(), s.rule(),
                        EffectText.label(s.field()), inputText(s.field(), profile), statusText(s.status(), s.field())));
            }
        }

        List<EvidenceReport.ProtocolView> protocols = new ArrayList<>();
        RuleCompiler.CompiledPack compiled = k.compiled(p).orElseThrow();
        for (Evaluation.ProtocolShown shown : e.protocols()) {
            if (shown.pack().equals(p)) {
                compiled.protocol(shown.protocolId()).ifPresent(pr -> protocols.add(protocol(pr, shown.rule())));
            }
        }
        String protocolSummary = Protocols.summary(protocols.stream()
                .map(v -> compiled.protocol(v.id()).orElseThrow()).toList());

        List<EvidenceReport.OutcomeEvidence> outcomes = new ArrayList<>();
        for (OutcomeDefinition o : pack.outcomes()) {
            List<EvidenceReport.FindingView> views = fired.stream().filter(f -> o.id().equals(f.outcome()))
                    .map(f -> view(k, f)).toList();
            if (views.isEmpty()) {
                continue;
            }
            Evaluation.Headline headline = e.headlines().stream().filter(h -> h.pack().equals(p) && h.outcome().equals(o.id()))
                    .findFirst().orElse(null);
            outcomes.add(new EvidenceReport.OutcomeEvidence(o.id(), o.name(), o.benefit().name().toLowerCase(Locale.ROOT), o.harm(),
                    headline == null ? null : headline.findingId(),
                    headline == null ? "no numeric estimate applies: direction-only claims are shown as such" : headline.why(),
                    views));
        }
        EvidenceReport.Harms harms = e.harms().stream().filter(h -> h.pack().equals(p)).findFirst()
                .map(h -> harms(k, pack, h.rule())).orElse(null);
        // claims about harms are shown under Harms, not again among claims that name no outcome
        Set<String> harmClaims = harms == null ? Set.of() : new java.util.HashSet<>(harms.claims().stream().map(c -> c.id()).toList());
        List<EvidenceReport.FindingView> anyOutcome = fired.stream().filter(f -> f.outcome() == null && !harmClaims.contains(f.id()))
                .map(f -> view(k, f)).toList();
        if (!anyOutcome.isEmpty()) {
            outcomes.add(new EvidenceReport.OutcomeEvidence(null, "Outcome not named by the source", null, false, null,
                    "no numeric estimate applies: direction-only claims are shown as such", anyOutcome));
        }

        // each text once per pack, with every rule that raised it: a reader sees a caveat once, an auditor
        // still sees all its rules (the first rule's code names it; one text has one kind)
        Map<String, List<String>> caveatRules = new LinkedHashMap<>();
        Map<String, String> caveatCode = new LinkedHashMap<>();
        for (Evaluation.Caveat c : e.caveats()) {
            if (!c.pack().equals(p)) {
                continue;
            }
            caveatCode.putIfAbsent(c.text(), c.code());
            List<String> rules = caveatRules.computeIfAbsent(c.text(), x -> new ArrayList<>());
            if (!rules.contains(c.rule())) {
                rules.add(c.rule());
            }
        }
        List<EvidenceReport.Caveat> caveats = new ArrayList<>();
        caveatCode.forEach((text, code) -> caveats.add(new EvidenceReport.Caveat(code, text, caveatRules.get(text))));

        Source review = pack.source(pack.info().review()).orElse(null);
        return new EvidenceReport.PackReport(p, pack.info().version(), pack.info().title(), review == null ? null : review.citation(),
                review == null ? null : review.shortCitation(), review == null ? null : review.doi(), dimensions,
                withoutEvidence, protocolSummary, protocols, outcomes, harms, caveats, firedRules);
    }

    /**
     * The same report for another profile with the same answer (see {@link ProfileSignature}): only the
     * echoed inputs differ.
     */
    static EvidenceReport withInputs(EvidenceReport template, PatientProfile profile) {
        Map<String, Object> input = profile.values();
        List<EvidenceReport.PackReport> packs = new ArrayList<>(template.packs().size());
        for (EvidenceReport.PackReport p : template.packs()) {
            List<EvidenceReport.DimensionResult> dims = new ArrayList<>(p.dimensions().size());
            for (EvidenceReport.DimensionResult d : p.dimensions()) {
                dims.add(new EvidenceReport.DimensionResult(d.dimension(), d.name(), d.field(), d.unit(), d.status(),
                        profile.number(d.field()), d.level(), d.levelLabel(), d.interval(), d.levelBasis(), d.evidence(), d.rule(),
                        d.fieldLabel(), inputText(d.field(), profile), d.statusText()));
            }
            List<EvidenceReport.InputWithoutEvidence> without = new ArrayList<>(p.inputsWithoutEvidence().size());
            for (EvidenceReport.InputWithoutEvidence w : p.inputsWithoutEvidence()) {
                without.add(new EvidenceReport.InputWithoutEvidence(w.field(), profile.value(w.field()), w.status(), w.rule(),
                        w.label(), inputText(w.field(), profile), w.statusText()));
            }
            packs.add(new EvidenceReport.PackReport(p.pack(), p.version(), p.title(), p.review(), p.reviewShortCitation(), p.reviewDoi(),
                    dims, without, p.protocolSummary(), p.protocols(), p.outcomes(), p.harms(), p.caveats(), p.firedRules()));
        }
        return new EvidenceReport(template.knowledgeVersion(), input, packs, template.notice());
    }

    /** The patient's input as a reader sees it ("12 cm²", "type 2"), or null when it is not recorded. */
    private static String inputText(String field, PatientProfile profile) {
        Object v = profile.value(field);
        return v == null ? null : EffectText.profileValue(field, v);
    }

    /** A dimension status in words; the code stays in {@code status}. */
    static String statusText(String status, String field) {
        return switch (status) {
            case "input-missing" -> "not recorded: record " + org.evidencecds.evidence.Labels.inSentence(EffectText.label(field))
                    + " to see the evidence for this subgroup";
            case "outside-studied-range" -> ProfileSchema.field(field).map(f -> f.isNumeric()).orElse(true)
                    ? "outside the range this evidence covers" : "not a value this evidence distinguishes";
            case "no-evidence" -> "no subgroup evidence in this pack";
            default -> status.replace('-', ' ');
        };
    }

    private static boolean isAssemblyFor(Evaluation e, String rule, String pack) {
        return e.headlines().stream().anyMatch(h -> h.rule().equals(rule) && h.pack().equals(pack));
    }

    private static EvidenceReport.ProtocolView protocol(Protocols.Protocol pr, String rule) {
        List<EvidenceReport.ProtocolElement> elements = pr.elements().stream().map(el -> new EvidenceReport.ProtocolElement(
                el.dimension(), el.name(), el.level(), el.label(), el.range(), el.supportingFindings(), el.credibility().words(), el.why())).toList();
        return new EvidenceReport.ProtocolView(pr.id(), pr.basis().name().toLowerCase(Locale.ROOT), pr.source(), pr.shortCitation(),
                pr.locator(), pr.snippet(), pr.credibility().words(), pr.statement(), pr.reasons(), elements, rule);
    }

    /**
     * The harms section, from what the harms rule lists: whether the pack's review reports harms (as a
     * number or in words), other reviews' harm results, and the trials' own words.
     */
    private static EvidenceReport.Harms harms(Knowledge k, EvidencePack pack, String rule) {
        Map<String, Object> meta = k.rule(rule).map(r -> r.getMetaData()).orElse(Map.of());
        List<String> outcomes = list(meta.get("harmOutcomes"));
        List<String> review = list(meta.get("reviewFindings"));
        List<String> other = list(meta.get("otherReviewFindings"));
        List<EvidenceReport.FindingView> claims = new ArrayList<>();
        for (String id : concat(review, other)) {
            Finding f = k.findings().get(id);
            if (f.outcome() == null) {
                claims.add(view(k, f));
            }
        }
        List<EvidenceReport.TrialStatement> trials = new ArrayList<>();
        for (String rowId : list(meta.get("trialStatements"))) {
            StudyOutcome row = pack.studyOutcome(rowId).orElseThrow();
            String study = pack.study(row.study()).map(s -> s.label()).orElse(row.study());
            String source = row.sources().stream().map(key -> pack.source(key).map(Source::shortCitation).orElse(key))
                    .reduce((a, b) -> a + "; " + b).orElse("");
            trials.add(new EvidenceReport.TrialStatement(study, row.timepoint(), row.snippet(), source, row.locator(),
                    row.status().name().toLowerCase(Locale.ROOT)));
        }
        String reviewName = pack.source(pack.info().review()).map(Source::shortCitation).orElse(pack.info().review());
        boolean numeric = review.stream().anyMatch(id -> k.findings().get(id).isNumeric());
        String statement;
        if (outcomes.isEmpty() && review.isEmpty() && other.isEmpty() && trials.isEmpty()) {
            statement = "Harms: not reported in this evidence (no harm outcome, no statement on adverse events).";
        } else if (numeric) {
            statement = "Harms: " + reviewName + " reports adverse events; see the harm outcomes below.";
        } else if (!review.isEmpty()) {
            statement = "Harms: " + reviewName + " reports harms in words only, with no estimate.";
        } else {
            statement = "Harms: not reported by the review (" + reviewName + ")"
                    + (other.isEmpty() ? "" : "; another review reports an adverse-event estimate, shown below")
                    + (trials.isEmpty() ? "." : "; " + trials.size() + " trial report" + (trials.size() == 1 ? " describes" : "s describe")
                    + " adverse events in words (not pooled).");
        }
        return new EvidenceReport.Harms(statement, !review.isEmpty(), outcomes, claims, trials, rule);
    }

    private static List<String> list(Object metadata) {
        String s = metadata == null ? "" : metadata.toString();
        return s.isBlank() ? List.of() : List.of(s.split(","));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static EvidenceReport.FindingView view(Knowledge k, Finding f) {
        // slices as a reader sees them (exponents as superscripts); the source's text stays in the evidence
        String slice = switch (f.role()) {
            case OVERALL -> "all included trials";
            case PATIENT, PROTOCOL -> EffectText.display(f.levelLabel());
            case TIMEPOINT -> "at " + EffectText.display(f.levelLabel());
            case UNPLACED -> EffectText.display(f.levelAsReported()) + " (not defined by the source)";
        };
        return new EvidenceReport.FindingView(f.id(), f.role().name().toLowerCase(Locale.ROOT), slice,
                f.origin().name().toLowerCase(Locale.ROOT).replace('_', '-'), f.measure(), f.estimate(), f.ciLow(), f.ciHigh(),
                f.estimateText(), f.ciLowText(), f.ciHighText(), f.isNumeric() ? EffectText.unit(f.measure(), f.unit()) : null,
                EffectText.effect(f), f.pValue(), f.k(), f.n(), f.direction(), f.citation(), f.shortCitation(), f.doi(), f.locator(), f.id(),
                k.assessment(f.id()).certainty(), k.assessment(f.id()).credibility(), f.snippet(), f.signReversed(), f.comparison());
    }
}
