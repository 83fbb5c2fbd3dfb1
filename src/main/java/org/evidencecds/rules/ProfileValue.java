package org.evidencecds.rules;

/** A numeric field of the patient profile, as a fact for the rules (JavaBean getters for Drools). */
public final class ProfileValue {

    private final String field;
    private final double value;

    public ProfileValue(String field, double value) {
        this.field = field;
        this.value = value;
    }

    public String getField() {
        return field;
    }

    public double getValue() {
        return value;
    }
}
