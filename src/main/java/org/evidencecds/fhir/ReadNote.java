package org.evidencecds.fhir;

/**
 * One thing the reader did with the data: a value it read into a field, or something it ignored, and why.
 *
 * @param field    the profile field's label (e.g. "Ulcer area"), or null when the note is about no field
 * @param resource the resource it is about ("Observation/abc"), or null
 * @param text     what happened, in words ("HbA1c 68 mmol/mol on 2026-10-01, as 8.37 % by the IFCC-NGSP master equation")
 */
public record ReadNote(String field, String resource, String text) {

    @Override
    public String toString() {
        return (field == null ? "" : field + ": ") + text + (resource == null ? "" : " [" + resource + "]");
    }
}
