package org.evidencecds.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param words       a categorical value in words, as in "patients with type 2 diabetes" (code -> words)
 * @param inSentence  the label inside a sentence when the usual rule (first word lower-cased unless it is
 *                    an abbreviation) is wrong for it, e.g. a proper name ("Wagner ulcer grade"); null: the rule
 */
public record ProfileField(String name, String label, String unit, String ucum, Double min, Double max, List<String> allowed,
                           boolean wholeNumber, Double typicalMin, Double typicalMax, List<String> cli,
                           String implied, List<String> impliedBy, Map<String, String> words, String inSentence) {

    public ProfileField {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        cli = cli == null ? List.of() : List.copyOf(cli);
        impliedBy = impliedBy == null ? List.of() : List.copyOf(impliedBy);
        words = words == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(words));
    }

    public ProfileField(String name, String label, String unit, String ucum, Double min, Double max, List<String> allowed,
                        boolean wholeNumber, Double typicalMin, Double typicalMax, List<String> cli,
                        String implied, List<String> impliedBy) {
        this(name, label, unit, ucum, min, max, allowed, wholeNumber, typicalMin, typicalMax, cli, implied, impliedBy, Map.of(), null);
    }

    public boolean isNumeric() {
        return min != null;
    }

    /**
     * The unit as a reader sees it after a number ("cm²", "years", "%", "mmHg"), the one place every surface
     * takes it from. Empty for a dimensionless field: an index or a grade has UCUM code "1" or an annotation
     * such as "{grade}", and "0.9 index" or "Ankle-brachial index (index)" says nothing a reader needs.
     * Empty for a categorical field. {@link #unit()} and {@link #ucum()} stay the codes data and FHIR use.
     */
    public String displayUnit() {
        if (!isNumeric() || ucum == null || ucum.equals("1") || ucum.startsWith("{")) {
            return "";
        }
        return symbol(unit);
    }

    /** A number (already formatted) with the display unit: "12 cm²", "8.1%" (a percent sign is not spaced), "0.9". */
    public String withUnit(String number) {
        return FieldText.withUnit(number, displayUnit());
    }

    /** The label with its unit, for a form or a table heading: "Ulcer area (cm²)", "Ankle-brachial index". */
    public String labelWithUnit() {
        String u = displayUnit();
        return u.isEmpty() ? label : label + " (" + u + ")";
    }

    /**
     * A categorical value in words, as it reads after "patients with" or "the patient has" ("type 2
     * diabetes", "a current diabetic foot ulcer"); a value without words in fields.yaml reads as its code
     * with spaces for hyphens, never as the bare code.
     */
    public String valueWords(String code) {
        return code == null ? "" : words.getOrDefault(code, code.replace('-', ' '));
    }

    /** A categorical value as shown after its label ("Diabetes type: type 2"): the code, hyphens as spaces. */
    public static String shortValue(String code) {
        return code == null ? "" : code.replace('-', ' ');
    }

    /**
     * The symbol of a unit as the evidence format spells it (cm2, mm2 are written with superscripts); other
     * units are already written as a reader writes them. A unitless index or grade has no symbol.
     */
    public static String symbol(String unit) {
        if (unit == null || unit.isBlank() || unit.equals("index") || unit.equals("grade")) {
            return "";
        }
        return switch (unit) {
            case "cm2" -> "cm²";
            case "mm2" -> "mm²";
            default -> unit;
        };
    }
}
