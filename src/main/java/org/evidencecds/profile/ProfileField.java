package org.evidencecds.profile;

import java.util.List;
import java.util.Map;

/**
 * A field of the patient profile (defined in {@code fields.yaml}, not in code): name (unit in the name,
 * as in JSON), unit, and the values a real patient can have. Numeric fields have bounds; categorical
 * fields have allowed values.
 *
 * @param wholeNumber only whole numbers are possible (a grade on an ordinal scale)
 * @param typicalMin  lower end of a range seen in practice (for synthetic registries only); null if none
 * @param cli         command-line option names, the first shown in help
 * @param fhir        how CDS Hooks derives the field from a FHIR prefetch; never null
 */
public record ProfileField(String name, String label, String unit, Double min, Double max, List<String> allowed,
                           boolean wholeNumber, Double typicalMin, Double typicalMax, List<String> cli,
                           Fhir fhir) {

    public ProfileField {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        cli = cli == null ? List.of() : List.copyOf(cli);
        fhir = fhir == null ? new Fhir(null, null, null) : fhir;
    }

    public boolean isNumeric() {
        return min != null;
    }

    /**
     * FHIR mappings: the time since a matching Condition's onset, the value whose codes a Condition
     * matches, and the Observation code texts that mean this field.
     */
    public record Fhir(Onset conditionOnset, Map<String, Match> conditionValue, List<String> observationText) {
        public Fhir {
            conditionValue = conditionValue == null ? Map.of() : Map.copyOf(conditionValue);
            observationText = observationText == null ? List.of() : List.copyOf(observationText);
        }
    }

    /** Codes (ICD-10 prefixes or SNOMED CT codes) or code texts that identify a Condition. */
    public record Match(List<String> codes, List<String> text, List<String> excludeText) {
        public Match {
            codes = codes == null ? List.of() : List.copyOf(codes);
            text = text == null ? List.of() : List.copyOf(text);
            excludeText = excludeText == null ? List.of() : List.copyOf(excludeText);
        }
    }

    /** The time since the onset of a Condition matching {@code match}, in {@code unit} (years or days). */
    public record Onset(Match match, String unit) {
    }
}
