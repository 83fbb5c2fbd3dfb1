package org.evidencecds.evidence;

import org.evidencecds.evidence.Vocabulary.Access;
import org.evidencecds.evidence.Vocabulary.SourceKind;

/** A cited source: a review, a trial report, a registry record, a table or a secondary page. */
public record Source(String key, String citation, String doi, String pmid, String pmcid, Integer year, String url,
                     SourceKind kind, Access access, String note) {

    /** A link a reader can follow: the DOI resolver when there is a DOI, else the URL (may be null). */
    public String link() {
        return doi != null ? "https://doi.org/" + doi : url;
    }
}
