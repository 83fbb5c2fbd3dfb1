package org.evidencecds.profile;

/**
 * How a value the user sent is shown back in an error message: at most {@value #PREFIX} characters of it,
 * then "…" and the value's length, so a refusal is never larger than a few hundred bytes whatever was sent.
 * Control characters (line breaks, tabs, ...) are shown as '?', so a message stays on one line.
 */
public final class Quote {

    /** The most characters of a value that are shown. */
    public static final int PREFIX = 40;

    private Quote() {
    }

    /** The value in double quotes, cut as {@link #cut}; e.g. {@code "type-3"} or {@code "xxxx…" (10485760 characters)}. */
    public static String of(Object value) {
        String s = String.valueOf(value);
        return s.length() <= PREFIX ? "\"" + clean(s) + "\"" : "\"" + cut(s) + "\" (" + s.length() + " characters)";
    }

    /** The value itself when it is short; otherwise its first {@value #PREFIX} characters and "…". */
    public static String cut(Object value) {
        String s = String.valueOf(value);
        if (s.length() <= PREFIX) {
            return clean(s);
        }
        int end = Character.isHighSurrogate(s.charAt(PREFIX - 1)) ? PREFIX - 1 : PREFIX;
        return clean(s.substring(0, end)) + "…";
    }

    /** A name (a key, an id) as it can be shown: {@link #cut} and, when cut, its length. */
    public static String name(Object value) {
        String s = String.valueOf(value);
        return s.length() <= PREFIX ? clean(s) : cut(s) + " (" + s.length() + " characters)";
    }

    private static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, '?');
            }
        }
        return b == null ? s : b.toString();
    }
}
