package org.evidencecds.profile;

import java.util.List;

/**
 * A field of the patient profile (defined in {@code fields.yaml}, not in code): name (unit in the name,
 * as in JSON), unit, and the values a real patient can have. Numeric fields have bounds; categorical
 * fields have allowed values.
 *
 * @param ucum        the unit as a UCUM code (cm2, %, a, d, mm[Hg]), for reading FHIR quantities; null if none
 * @param wholeNumber only whole numbers are possible (a grade on an ordinal scale)
 * @param typicalMin  lower end of a range seen in practice (for synthetic registries only); null if none
 * @param cli         command-line option names, the first shown in help
 * @param implied     the value this field takes when it is not given but one of {@code impliedBy} is (an
 *                    ulcer with an area is a current ulcer); null if never implied
 */
public record ProfileField(String name, String label, String unit, String ucum, Double min, Double max, List<String> allowed,
                           boolean wholeNumber, Double typicalMin, Double typicalMax, List<String> cli,
                           String implied, List<String> impliedBy) {

    public ProfileField {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        cli = cli == null ? List.of() : List.copyOf(cli);
        impliedBy = impliedBy == null ? List.of() : List.copyOf(impliedBy);
    }

    public boolean isNumeric() {
        return min != null;
    }
}
