package org.evidencecds.evidence;

import java.util.Locale;

/** Labels inside running text. */
public final class Labels {

    private Labels() {
    }

    /**
     * A label inside a sentence: first letter lower-cased ("Ulcer area" becomes "ulcer area"), unless the
     * first word is an abbreviation ("HbA1c, MSC vs control", "TcPO2" and "ABI" stay as written).
     */
    public static String inSentence(String label) {
        if (label == null || label.isEmpty()) {
            return "";
        }
        String first = label.split("[\\s,(]", 2)[0];
        boolean abbreviation = first.length() > 1 && !first.substring(1).equals(first.substring(1).toLowerCase(Locale.ROOT));
        return abbreviation ? label : label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
    }
}
