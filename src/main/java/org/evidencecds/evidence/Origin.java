package org.evidencecds.evidence;

/** Where a record was read from: file relative to the evidence root, and 1-based line. */
public record Origin(String file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
