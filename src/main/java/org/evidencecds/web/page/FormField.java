package org.evidencecds.web.page;

import java.util.List;
import java.util.Locale;
import org.evidencecds.profile.FieldText;
import org.evidencecds.profile.ProfileField;

/**
 * One input of the clinician's form as the template shows it: its label and unit in words, the value as
 * the user typed it, the accepted range, and the error next to it (with the id {@code aria-describedby}
 * points at).
 */
public record FormField(String name, String label, String unit, boolean numeric, String value, List<Option> options,
                        String hint, String hintId, String error, String errorId) {

    public FormField {
        options = List.copyOf(options);
    }

    public record Option(String value, String label, boolean selected) {
    }

    public boolean invalid() {
        return error != null;
    }

    /** The ids aria-describedby lists: the hint, and the error when there is one. */
    public String describedBy() {
        return error == null ? hintId : hintId + " " + errorId;
    }

    static FormField of(ProfileField field, String value, String error) {
        String id = "f-" + field.name().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        String unit = FieldText.unit(field); // dimensionless fields ("index", "grade") show none
        if (!field.isNumeric()) {
            List<Option> options = field.allowed().stream().map(o -> new Option(o, optionLabel(o), o.equals(value))).toList();
            return new FormField(field.name(), field.label(), "", false, value == null ? "" : value, options, "", id + "-hint", error, id + "-error");
        }
        return new FormField(field.name(), field.label(), unit, true, value == null ? "" : value, List.of(),
                FieldText.capitalized(FieldText.accepted(field)) + (field.wholeNumber() ? "" : "; a decimal comma is fine") + ".",
                id + "-hint", error, id + "-error");
    }

    /** "type-2" reads "Type 2", "yes" reads "Yes". */
    static String optionLabel(String value) {
        return FieldText.capitalized(FieldText.category(value));
    }
}
