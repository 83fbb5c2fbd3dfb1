package org.evidencecds.evidence;

import org.evidencecds.evidence.Vocabulary.Access;
import org.evidencecds.evidence.Vocabulary.SourceKind;

/** A cited source: a review, a trial report, a registry record, a table or a secondary page. */
public record Source(String key, String citation, String doi, String pmid, String pmcid, Integer year, String url,
                     SourceKind kind, Access access, String note, String shortName, StatedDesigns designs) {

    /** A source as most tests need it: no short-name override, no stated designs. */
    public Source(String key, String citation, String doi, String pmid, String pmcid, Integer year, String url,
                  SourceKind kind, Access access, String note) {
        this(key, citation, doi, pmid, pmcid, year, url, kind, access, note, null, null);
    }

    /**
     * "Zhang X et al. 2026": author and year, never a title (see {@link ShortCitations}); the pack's
     * {@code shortCitation} when it gives one (a source without an author list).
     */
    public String shortCitation() {
        return shortName != null ? shortName : ShortCitations.of(this);
    }

    /** A link a reader can follow: the DOI resolver when there is a DOI, else the URL (may be null). */
    public String link() {
        return doi != null ? "https://doi.org/" + doi : url;
    }
}
