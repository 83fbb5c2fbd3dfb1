package org.evidencecds.evidence;

/**
 * One problem found in an evidence pack, located as precisely as the file format allows.
 *
 * <p>Printed as {@code file:line:column: field: reason}, the form editors and CI logs understand.
 * Line and column are 1-based; 0 means "the whole file" (for example a missing required column).
 */
public record Problem(String file, int line, int column, String field, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + field + ": " + reason;
    }
}
