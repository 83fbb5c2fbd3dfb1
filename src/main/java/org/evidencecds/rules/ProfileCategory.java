package org.evidencecds.rules;

/** A categorical field of the patient profile (e.g. diabetesType), as a fact for the rules. */
public final class ProfileCategory {

    private final String field;
    private final String value;

    public ProfileCategory(String field, String value) {
        this.field = field;
        this.value = value;
    }

    public String getField() {
        return field;
    }

    public String getValue() {
        return value;
    }
}
