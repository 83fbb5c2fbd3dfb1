package org.evidencecds.profile;

import java.util.List;

/**
 * A field of the patient profile: name (unit in the name, as in JSON), unit, and the values a real
 * patient can have. Numeric fields have bounds; categorical fields have allowed values.
 */
public record ProfileField(String name, String label, String unit, Double min, Double max, List<String> allowed,
                           boolean wholeNumber) {

    public ProfileField {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    public static ProfileField numeric(String name, String label, String unit, double min, double max) {
        return new ProfileField(name, label, unit, min, max, List.of(), false);
    }

    /** A numeric field that only takes whole numbers (a grade on an ordinal scale, say). */
    public static ProfileField wholeNumber(String name, String label, String unit, double min, double max) {
        return new ProfileField(name, label, unit, min, max, List.of(), true);
    }

    public static ProfileField categorical(String name, String label, List<String> allowed) {
        return new ProfileField(name, label, null, null, null, allowed, false);
    }

    public boolean isNumeric() {
        return min != null;
    }
}
