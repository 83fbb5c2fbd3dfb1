package org.evidencecds.findings;

import java.util.Locale;

/**
 * How much of an answer a machine client gets. {@link #COMPACT} (the default) keeps every decision a client
 * acts on: the estimates as printed, their certainty and credibility levels with their summaries, the ids of
 * findings and of the rules that fired, the caveats and the harms. {@link #FULL} adds what a reader or an
 * auditor follows up: each rule's metadata, the per-domain certainty reasons, the credibility items, full
 * citations and the sources' verbatim snippets. Those are also served by id ({@code /api/v1/provenance?rule=},
 * {@code /api/v1/packs/{id}/findings}).
 *
 * <p>Parts only in the full view are marked {@code @JsonView(AnswerView.Full.class)}; unmarked parts are in
 * both. The full view is the whole record, so its bytes are those every earlier version sent.
 */
public enum AnswerView {
    COMPACT, FULL;

    /** The Jackson view of the compact answer (unmarked properties are included). */
    public interface Compact {
    }

    /** Marks a property that only the full answer carries. */
    public interface Full extends Compact {
    }

    /** The view named by a request parameter ({@code compact} or {@code full}, any case); null or blank: compact. */
    public static AnswerView parse(String name) {
        if (name == null || name.isBlank()) {
            return COMPACT;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "compact" -> COMPACT;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("must be compact or full");
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
