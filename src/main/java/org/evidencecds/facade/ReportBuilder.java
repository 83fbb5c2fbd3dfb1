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
            for (Evaluation.LevelMatch m : e.levels()) {
                if (m.pack().equals(p) && m.dimension().equals(d.id())) {
                    Level level = d.level(m.level()).orElseThrow();
                    List<String> evidence = fired.stream().filter(f -> f.role() == Finding.Role.PATIENT
                            && d.id().equals(f.dimension()) && m.level().equals(f.level())).map(Finding::id).toList();
                    dimensions.add(new EvidenceReport.DimensionResult(d.id(), d.name(), d.profileField(), unit, "in-level",
                            profile.number(d.profileField()), level.id(), level.label(), level.interval() == null ? null : level.interval().toString(),
                            level.basis().name().toLowerCase(Locale.ROOT), evidence, m.rule()));
                }
            }
            for (Evaluation.DimensionStatus s : e.statuses()) {
                if (s.pack().equals(p) && d.id().equals(s.dimension())) {
                    dimensions.add(new EvidenceReport.DimensionResult(d.id(), d.name(), d.profileField(), unit, s.status(),
                            profile.number(d.profileField()), null, null, null, null, List.of(), s.rule()));
                }
            }
        }

        List<EvidenceReport.InputWithoutEvidence> withoutEvidence = new ArrayList<>();
        for (Evaluation.DimensionStatus s : e.statuses()) {
            if (s.pack().equals(p) && s.dimension() == null) {
                // the input as given (the rules' answer may have been reached for an equivalent profile)
                withoutEvidence.add(new EvidenceReport.InputWithoutEvidence(s.field(), profile.value(s.field()), s.status(), s.rule()));
            }
        }

        List<EvidenceReport.ProtocolElement> protocol = new ArrayList<>();
        for (Evaluation.ProtocolElement pe : e.protocol()) {
            if (!pe.pack().equals(p)) {
                continue;
            }
            Dimension d = pack.dimension(pe.dimension()).orElseThrow();
            Level level = d.level(pe.level()).orElseThrow();
            List<String> support = fired.stream().filter(f -> f.role() == Finding.Role.PROTOCOL
                    && pe.dimension().equals(f.dimension()) && pe.level().equals(f.level())).map(Finding::id).toList();
            protocol.add(new EvidenceReport.ProtocolElement(d.id(), d.name(), level.id(), level.label(),
                    level.interval() == null ? null : level.interval() + " " + d.unit(), support, pe.rule()));
        }

        List<EvidenceReport.OutcomeEvidence> outcomes = new ArrayList<>();
        for (OutcomeDefinition o : pack.outcomes()) {
            List<EvidenceReport.FindingView> views = fired.stream().filter(f -> o.id().equals(f.outcome()))
                    .map(f -> view(k, f)).toList();
            if (views.isEmpty()) {
                continue;
            }
            Evaluation.Headline headline = e.headlines().stream().filter(h -> h.pack().equals(p) && h.outcome().equals(o.id()))
                    .findFirst().orElse(null);
            outcomes.add(new EvidenceReport.OutcomeEvidence(o.id(), o.name(), o.benefit().name().toLowerCase(Locale.ROOT),
                    headline == null ? null : headline.findingId(),
                    headline == null ? "no numeric estimate applies: direction-only claims are shown as such" : headline.why(),
                    views));
        }
        List<EvidenceReport.FindingView> anyOutcome = fired.stream().filter(f -> f.outcome() == null).map(f -> view(k, f)).toList();
        if (!anyOutcome.isEmpty()) {
            outcomes.add(new EvidenceReport.OutcomeEvidence(null, "Outcome not named by the source", null, null,
                    "no numeric estimate applies: direction-only claims are shown as such", anyOutcome));
        }

        Map<String, List<String>> caveatRules = new LinkedHashMap<>();
        Map<String, String[]> caveatText = new LinkedHashMap<>();
        for (Evaluation.Caveat c : e.caveats()) {
            if (!c.pack().equals(p)) {
                continue;
            }
            String key = c.code() + "|" + c.text();
            caveatText.putIfAbsent(key, new String[] {c.code(), c.text()});
            caveatRules.computeIfAbsent(key, x -> new ArrayList<>()).add(c.rule());
        }
        List<EvidenceReport.Caveat> caveats = new ArrayList<>();
        caveatText.forEach((key, ct) -> caveats.add(new EvidenceReport.Caveat(ct[0], ct[1], caveatRules.get(key))));

        String review = pack.source(pack.info().review()).map(s -> s.citation()).orElse(null);
        String doi = pack.source(pack.info().review()).map(s -> s.doi()).orElse(null);
        return new EvidenceReport.PackReport(p, pack.info().version(), pack.info().title(), review, doi, dimensions,
                withoutEvidence, protocol, outcomes, caveats, firedRules);
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
                        profile.number(d.field()), d.level(), d.levelLabel(), d.interval(), d.levelBasis(), d.evidence(), d.rule()));
            }
            List<EvidenceReport.InputWithoutEvidence> without = new ArrayList<>(p.inputsWithoutEvidence().size());
            for (EvidenceReport.InputWithoutEvidence w : p.inputsWithoutEvidence()) {
                without.add(new EvidenceReport.InputWithoutEvidence(w.field(), profile.value(w.field()), w.status(), w.rule()));
            }
            packs.add(new EvidenceReport.PackReport(p.pack(), p.version(), p.title(), p.review(), p.reviewDoi(), dims, without,
                    p.protocol(), p.outcomes(), p.caveats(), p.firedRules()));
        }
        return new EvidenceReport(template.knowledgeVersion(), input, packs, template.notice());
    }

    private static boolean isAssemblyFor(Evaluation e, String rule, String pack) {
        return e.headlines().stream().anyMatch(h -> h.rule().equals(rule) && h.pack().equals(pack))
                || e.protocol().stream().anyMatch(x -> x.rule().equals(rule) && x.pack().equals(pack));
    }

    private static EvidenceReport.FindingView view(Knowledge k, Finding f) {
        String slice = switch (f.role()) {
            case OVERALL -> "all included trials";
            case PATIENT, PROTOCOL -> f.levelLabel();
            case TIMEPOINT -> "at " + f.levelLabel();
            case UNPLACED -> f.levelAsReported() + " (not defined by the source)";
        };
        return new EvidenceReport.FindingView(f.id(), f.role().name().toLowerCase(Locale.ROOT), slice,
                f.origin().name().toLowerCase(Locale.ROOT).replace('_', '-'), f.measure(), f.estimate(), f.ciLow(), f.ciHigh(),
                f.pValue(), f.k(), f.n(), f.direction(), f.citation(), f.doi(), f.locator(), f.id(),
                k.assessment(f.id()).certainty(), k.assessment(f.id()).credibility(), f.snippet());
    }
}
