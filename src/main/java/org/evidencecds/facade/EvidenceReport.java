package org.evidencecds.facade;

import java.util.List;
import java.util.Map;

/**
 * What the evidence says for one patient: for a clinician to read and a program to use. Decision support,
 * never an order.
 */
public record EvidenceReport(String knowledgeVersion, Map<String, Object> profile, List<PackReport> packs, String notice,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                             List<OutsidePopulation> outsidePopulation) {

    public EvidenceReport {
        // ordered maps: the same answer serialises to the same bytes (the audit log keeps its digest)
        profile = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(profile));
        packs = List.copyOf(packs);
        outsidePopulation = outsidePopulation == null ? List.of() : List.copyOf(outsidePopulation);
    }

    public EvidenceReport(String knowledgeVersion, Map<String, Object> profile, List<PackReport> packs, String notice) {
        this(knowledgeVersion, profile, packs, notice, List.of());
    }

    /**
     * A pack whose population the patient's recorded inputs fall outside: left out of a default evaluation,
     * or evaluated anyway because it was asked for ({@code evaluated}); the reasons name the inputs.
     */
    public record OutsidePopulation(String pack, String title, List<String> reasons, boolean evaluated) {
        public OutsidePopulation {
            reasons = List.copyOf(reasons);
        }
    }

    /** The same report with the population notes attached. */
    public EvidenceReport withOutsidePopulation(List<OutsidePopulation> notes) {
        return new EvidenceReport(knowledgeVersion, profile, packs, notice, notes);
    }

    public record PackReport(String pack, String version, String title, String review, String reviewDoi,
                             List<DimensionResult> dimensions, List<InputWithoutEvidence> inputsWithoutEvidence,
                             List<ProtocolElement> protocol, List<OutcomeEvidence> outcomes, List<Caveat> caveats,
                             List<FiredRule> firedRules) {

        public PackReport {
            dimensions = List.copyOf(dimensions);
            inputsWithoutEvidence = List.copyOf(inputsWithoutEvidence);
            protocol = List.copyOf(protocol);
            outcomes = List.copyOf(outcomes);
            caveats = List.copyOf(caveats);
            firedRules = List.copyOf(firedRules);
        }
    }

    /**
     * Where the patient stands on one patient dimension.
     *
     * @param status {@code in-level}, {@code input-missing} or {@code outside-studied-range}
     * @param evidence what the pack has for the patient's level: finding ids (empty: none for this level)
     */
    public record DimensionResult(String dimension, String name, String field, String unit, String status, Double input,
                                  String level, String levelLabel, String interval, String levelBasis, List<String> evidence,
                                  String rule) {

        public DimensionResult {
            evidence = List.copyOf(evidence);
        }
    }

    /** A profile field the pack has no subgroup evidence for (status {@code no-evidence}). */
    public record InputWithoutEvidence(String field, Object input, String status, String rule) {
    }

    /** One element of the evidence-based protocol (cell type, origin, route, dose range) and its support. */
    public record ProtocolElement(String dimension, String name, String level, String label, String range,
                                  List<String> supportingFindings, String rule) {

        public ProtocolElement {
            supportingFindings = List.copyOf(supportingFindings);
        }
    }

    /** An outcome: the headline and every finding that applies, each with provenance. */
    public record OutcomeEvidence(String outcome, String name, String benefit, String headlineFinding, String headlineWhy,
                                  List<FindingView> findings) {

        public OutcomeEvidence {
            findings = List.copyOf(findings);
        }
    }

    /** A finding as shown: the slice, the numbers as published, and where they come from. */
    public record FindingView(String id, String role, String slice, String origin, String measure, Double estimate,
                              Double ciLow, Double ciHigh, String pValue, Integer k, Integer n, String direction,
                              String citation, String doi, String locator, String rule,
                              org.evidencecds.certainty.Certainty certainty, org.evidencecds.certainty.Credibility credibility,
                              String snippet) {
    }

    public record Caveat(String code, String text, List<String> rules) {

        public Caveat {
            rules = List.copyOf(rules);
        }
    }

    public record FiredRule(String rule, Map<String, Object> metadata) {

        public FiredRule {
            metadata = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metadata));
        }
    }
}
