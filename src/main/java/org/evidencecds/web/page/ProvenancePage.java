package org.evidencecds.web.page;

import java.util.List;
import java.util.Map;
import org.evidencecds.audit.Provenance;

/**
 * A rule's provenance as its template shows it: the evidence chain step by step, the rule's metadata with
 * readable names, and the rule text; {@code back} returns to the page with the same inputs.
 */
public record ProvenancePage(String rule, boolean found, String knowledgeVersion, boolean evidenceMatches, String evidenceCheck,
                             List<Step> steps, List<Entry> metadata, String drl, String fhirEvidence, String back) {

    public record Step(String what, String where, List<Entry> details) {
    }

    /** One name/value line; {@code link}: the value is a web address. */
    public record Entry(String name, String value, boolean link) {
    }

    /**
     * The chain as {@code knowledge} (the version it was read from) gives it; a rule of a finding links to the
     * finding's FHIR R5 Evidence.
     */
    public static ProvenancePage of(Provenance.Chain c, org.evidencecds.rules.Knowledge knowledge, String back) {
        List<Step> steps = c.steps().stream().map(s -> new Step(s.what(), s.where(), entries(s.details()))).toList();
        List<Entry> metadata = c.metadata().entrySet().stream()
                .map(e -> new Entry(words(e.getKey()), String.valueOf(e.getValue()), false)).toList();
        String fhir = "finding".equals(c.metadata().get("kind")) ? ClinicianPage.fhirEvidence(knowledge, (String) c.metadata().get("findingId")) : null;
        return new ProvenancePage(c.rule(), true, null, c.evidenceMatches(), c.evidenceCheck(), steps, metadata, c.drl(), fhir, back);
    }

    public static ProvenancePage unknown(String rule, String knowledgeVersion, String back) {
        return new ProvenancePage(rule, false, knowledgeVersion, false, null, List.of(), List.of(), null, null, back);
    }

    private static List<Entry> entries(Map<String, String> details) {
        return details.entrySet().stream().map(e -> new Entry(words(e.getKey()), e.getValue(),
                ("link".equals(e.getKey()) || "url".equals(e.getKey())) && e.getValue() != null && e.getValue().startsWith("http"))).toList();
    }

    /** "findingId" reads "Finding id", "ci_low" reads "Ci low": names a person can read, the same words as the data. */
    static String words(String key) {
        String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ').toLowerCase(java.util.Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
