package org.evidencecds.web.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The footnotes of one summary-of-findings table: each distinct note once, lettered a, b, c … in the order
 * rows first point to it, so a caveat repeated for seven outcomes is read once.
 */
final class Footnotes {

    /** One footnote: its letter, its text, and the longer texts folded behind it (may be empty). */
    record Footnote(String letter, String text, List<String> details) {
        Footnote {
            details = List.copyOf(details);
        }
    }

    private final Map<String, String> letterByText = new LinkedHashMap<>();
    private final Map<String, List<String>> detailsByText = new LinkedHashMap<>();

    /** The letter of a note (a new one if it is new); {@code details} are added to the note's folded texts. */
    String cite(String text, List<String> details) {
        String letter = letterByText.computeIfAbsent(text, t -> letter(letterByText.size()));
        List<String> folded = detailsByText.computeIfAbsent(text, t -> new ArrayList<>());
        details.stream().filter(d -> !folded.contains(d) && !d.equals(text)).forEach(folded::add);
        return letter;
    }

    String cite(String text) {
        return cite(text, List.of());
    }

    List<Footnote> all() {
        List<Footnote> notes = new ArrayList<>();
        letterByText.forEach((text, letter) -> {
            List<String> details = detailsByText.get(text);
            // a heading over one text says less than the text: show the text itself
            notes.add(details.size() == 1 ? new Footnote(letter, details.get(0), List.of()) : new Footnote(letter, text, details));
        });
        return notes;
    }

    /** a … z, then aa, ab … (a table with more than 26 distinct notes still gets unique letters). */
    static String letter(int index) {
        String s = String.valueOf((char) ('a' + index % 26));
        return index < 26 ? s : letter(index / 26 - 1) + s;
    }
}
