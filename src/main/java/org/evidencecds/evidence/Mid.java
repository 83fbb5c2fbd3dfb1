package org.evidencecds.evidence;

/**
 * The minimal important difference of a continuous outcome, in the outcome's unit, as a source states it:
 * the smallest change patients would notice as important. Imprecision is judged against it.
 */
public record Mid(double value, String valueText, String source, String locator, String snippet) {
}
