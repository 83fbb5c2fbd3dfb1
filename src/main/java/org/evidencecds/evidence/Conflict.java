package org.evidencecds.evidence;

import org.evidencecds.evidence.Vocabulary.RowHolds;

/** Two sources that disagree on one value, both recorded; {@code rowHolds} says which one the data carries. */
public record Conflict(String id, String subject, String field, String valueA, String sourceA, String locatorA,
                       String valueB, String sourceB, String locatorB, RowHolds rowHolds, String note, Origin origin) {
}
