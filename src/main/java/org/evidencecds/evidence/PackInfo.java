package org.evidencecds.evidence;

/** Identity and scope of an evidence pack ({@code pack.yaml}). */
public record PackInfo(String id, String version, String title, String description, String population,
                       String intervention, String comparator, String review) {
}
