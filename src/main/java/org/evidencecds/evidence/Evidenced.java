package org.evidencecds.evidence;

import org.evidencecds.evidence.Vocabulary.Basis;

/**
 * A judgement a pack records with its basis: a source (key, locator and verbatim snippet) or this
 * project (a rationale). Used where a pack classifies something the engine then relies on, e.g. an outcome
 * being a surrogate or two levels being incompatible.
 */
public record Evidenced(Basis basis, String source, String locator, String snippet, String rationale) {

    /** "Zhang X et al. 2026, Abstract, Results: '…'" or "project decision: …", for a reader. */
    public String describe(EvidencePack pack) {
        if (basis == Basis.SOURCE) {
            String who = pack.source(source).map(Source::shortCitation).orElse(source);
            return who + ", " + locator + (snippet == null ? "" : ": \"" + snippet + "\"");
        }
        return "project decision: " + rationale;
    }
}
