package org.evidencecds.synthesis;

/** A study-outcome row that was not pooled, and why (in words a reviewer can check). */
public record Exclusion(String rowId, String study, String reason) {
}
