package org.evidencecds.facade;

import com.fasterxml.jackson.annotation.JsonView;
import java.util.List;
import java.util.Map;
import org.evidencecds.findings.AnswerView;

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

    /**
     * One pack's answer. {@code protocolSummary} says first whether any protocol has moderate or high
     * credibility; {@code protocols} are each one source's, never merged; {@code harms} is never silent.
     */
    public record PackReport(String pack, String version, String title, String review, String reviewShortCitation,
                             String reviewDoi, List<DimensionResult> dimensions, List<InputWithoutEvidence> inputsWithoutEvidence,
                             String protocolSummary, List<ProtocolView> protocols, List<OutcomeEvidence> outcomes, Harms harms,
                             List<Caveat> caveats, List<FiredRule> firedRules) {

        public PackReport {
            dimensions = List.copyOf(dimensions);
            inputsWithoutEvidence = List.copyOf(inputsWithoutEvidence);
            protocols = List.copyOf(protocols);
            outcomes = List.copyOf(outcomes);
            caveats = List.copyOf(caveats);
            firedRules = List.copyOf(firedRules);
        }
    }

    /**
     * Where the patient stands on one patient dimension.
     *
     * @param unit       the profile field's unit code (cm2, index); {@code inputText} has it as a reader sees it
     * @param status     {@code in-level}, {@code input-missing} or {@code outside-studied-range}
     * @param levelLabel the level's label as a reader sees it (exponents as superscripts)
     * @param evidence   what the pack has for the patient's level: finding ids (empty: none for this level)
     * @param fieldLabel the profile field's label ("Ulcer area"), never its name
     * @param inputText  the input as a reader sees it ("12 cm²", "0.9"), or null when not recorded
     * @param statusText the status in words: the level's label, "not recorded", "outside the range this
     *                   evidence covers", "not a value this evidence distinguishes"
     */
    public record DimensionResult(String dimension, String name, String field, String unit, String status, Double input,
                                  String level, String levelLabel, String interval, String levelBasis, List<String> evidence,
                                  String rule, String fieldLabel, String inputText, String statusText) {

        public DimensionResult {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * A profile field the pack has no subgroup evidence for (status {@code no-evidence}).
     *
     * @param label      the field's label ("HbA1c"), never its name
     * @param inputText  the input as a reader sees it ("8.1%", "type 2"), or null
     * @param statusText the status in words: "no subgroup evidence in this pack"
     */
    public record InputWithoutEvidence(String field, Object input, String status, String rule, String label, String inputText,
                                       String statusText) {
    }

    /**
     * A protocol as one source states it (basis {@code stated}) or as one source's credible subgroup results
     * support it ({@code derived}), with its credibility in words ({@code credibility}: very low ... high).
     */
    public record ProtocolView(String id, String basis, String source, String shortCitation, String locator,
                               @JsonView(AnswerView.Full.class) String snippet, String credibility, String statement,
                               @JsonView(AnswerView.Full.class) List<String> reasons, List<ProtocolElement> elements,
                               String rule) {

        public ProtocolView {
            reasons = List.copyOf(reasons);
            elements = List.copyOf(elements);
        }
    }

    /** One element of a protocol (cell type, origin, route, dose range) and the source's results behind it. */
    public record ProtocolElement(String dimension, String name, String level, String label, String range,
                                  List<String> supportingFindings, String credibility, @JsonView(AnswerView.Full.class) String why) {

        public ProtocolElement {
            supportingFindings = List.copyOf(supportingFindings);
        }
    }

    /** An outcome: the headline and every finding that applies, each with provenance. {@code harm}: an adverse outcome. */
    public record OutcomeEvidence(String outcome, String name, String benefit, boolean harm, String headlineFinding,
                                  String headlineWhy, List<FindingView> findings) {

        public OutcomeEvidence {
            findings = List.copyOf(findings);
        }
    }

    /**
     * What the evidence says about harms, never silent: {@code statement} says whether the pack's review
     * reports harms; {@code outcomes} are the harm outcomes shown among the outcomes; {@code claims} are
     * statements in words about harms; {@code trialStatements} are trials' own words (never pooled).
     */
    public record Harms(String statement, boolean reportedByReview, List<String> outcomes, List<FindingView> claims,
                        List<TrialStatement> trialStatements, String rule) {

        public Harms {
            outcomes = List.copyOf(outcomes);
            claims = List.copyOf(claims);
            trialStatements = List.copyOf(trialStatements);
        }
    }

    /** A trial's own words on harms, with where they are printed. */
    public record TrialStatement(String study, String timepoint, String text, String source, String locator, String status) {
    }

    /**
     * A finding as shown: the slice, the numbers (as published: {@code estimateText} keeps the printed
     * decimals, {@code effect} is the display text every surface shows), and where they come from.
     */
    public record FindingView(String id, String role, String slice, String origin, String measure, Double estimate,
                              Double ciLow, Double ciHigh, String estimateText, String ciLowText, String ciHighText,
                              String unit, String effect, String pValue, Integer k, Integer n, String direction,
                              @JsonView(AnswerView.Full.class) String citation, String shortCitation, String doi, String locator, String rule,
                              org.evidencecds.certainty.Certainty certainty, org.evidencecds.certainty.Credibility credibility,
                              @JsonView(AnswerView.Full.class) String snippet, boolean signReversed, String comparison) {
    }

    /**
     * A caveat, said once per pack: {@code code} names its kind, stable across versions (small-k,
     * direction-only, other-review, sign-convention, recomputed, subgroup-credibility, single-level,
     * undefined-slice, source-conflict, source-access, indirectness), so a page can fold caveats of one kind
     * into a footnote; {@code text} is precise (which estimate, which outcome); {@code rules} are every rule
     * that raised this text.
     */
    public record Caveat(String code, String text, List<String> rules) {

        public Caveat {
            rules = List.copyOf(rules);
        }
    }

    public record FiredRule(String rule, @JsonView(AnswerView.Full.class) Map<String, Object> metadata) {

        public FiredRule {
            metadata = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metadata));
        }
    }
}
