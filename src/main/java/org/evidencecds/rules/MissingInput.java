package org.evidencecds.rules;

/** A profile field that was not given, as a fact for the rules. */
public final class MissingInput {

    private final String field;

    public MissingInput(String field) {
        this.field = field;
    }

    public String getField() {
        return field;
    }
}
