package org.evidencecds.evidence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short citations for running text, from the author list and the year, never from a title: "Zhang X et
 * al. 2026", "Huang et al. 2005", "Ventoruzzo et al.". A source whose citation does not start with an
 * author list is named by its identifier (PMC, NCT, PMID) or the first clause of its description.
 */
final class ShortCitations {

    private static final String NAME = "\\p{Lu}[\\p{L}'’/-]+";
    /** A surname of one or more words ("Zhang", "De Guzman"). */
    private static final String SURNAME = NAME + "(?: " + NAME + ")*";
    private static final String INITIALS = "\\p{Lu}{1,4}";
    /** "Kashbour M et al.", "Huang et al.", "Zhang HC (张皓承) et al." */
    private static final Pattern ET_AL = Pattern.compile("^(" + SURNAME + ")(?: (" + INITIALS + "))?(?: \\([^)]*\\))? et al\\b");
    /** "Zhang X, Liu G, ..." (several authors) or "Zhang X." (one). */
    private static final Pattern WITH_INITIALS = Pattern.compile("^(" + SURNAME + ") (" + INITIALS + ")(,|\\.)");
    /** "Ventoruzzo, Tacconi, ... Scatena, Bolognese." (surnames only). */
    private static final Pattern SURNAMES = Pattern.compile("^(" + NAME + ")(?:, (?:" + NAME + "|\\.\\.\\.(?: " + NAME + ")?))+\\.");
    private static final Pattern NCT = Pattern.compile("\\bNCT\\d{8}\\b");

    private ShortCitations() {
    }

    static String of(Source s) {
        String name = author(s.citation());
        if (name == null) {
            name = identifier(s);
        }
        return s.year() == null || name.contains(String.valueOf(s.year())) ? name : name + " " + s.year();
    }

    /** "Zhang X et al.", "Huang et al.", "Li Y" (one author), or null when the citation starts otherwise. */
    static String author(String citation) {
        if (citation == null) {
            return null;
        }
        Matcher m = ET_AL.matcher(citation);
        if (m.find()) {
            return m.group(1) + (m.group(2) == null ? "" : " " + m.group(2)) + " et al.";
        }
        m = WITH_INITIALS.matcher(citation);
        if (m.find()) {
            return m.group(1) + " " + m.group(2) + (",".equals(m.group(3)) ? " et al." : "");
        }
        m = SURNAMES.matcher(citation);
        if (m.find()) {
            return m.group(1) + " et al.";
        }
        return null;
    }

    private static String identifier(Source s) {
        if (s.pmcid() != null) {
            return s.pmcid();
        }
        Matcher nct = NCT.matcher(s.citation() == null ? "" : s.citation());
        if (nct.find()) {
            return nct.group();
        }
        if (s.pmid() != null) {
            return "PMID " + s.pmid();
        }
        String c = s.citation() == null ? s.key() : s.citation();
        int end = c.length();
        for (String stop : new String[] {",", ". ", " (", ":"}) {
            int i = c.indexOf(stop);
            if (i > 0) {
                end = Math.min(end, i);
            }
        }
        String clause = c.substring(0, end).trim();
        return clause.length() > 48 ? clause.substring(0, 47).trim() + "…" : clause;
    }
}
