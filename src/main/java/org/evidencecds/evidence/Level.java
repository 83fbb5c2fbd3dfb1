package org.evidencecds.evidence;

import org.evidencecds.evidence.Vocabulary.Basis;

/**
 * One level of a subgroup dimension: an interval for numeric dimensions (null for categorical ones),
 * and where its definition comes from: a source (with locator and verbatim snippet) or this project.
 */
public record Level(String id, String label, Interval interval, Basis basis, String source, String locator,
                    String snippet, String rationale, Origin origin) {
}
