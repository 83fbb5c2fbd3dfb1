package org.evidencecds.certainty;

import com.fasterxml.jackson.annotation.JsonView;
import java.util.List;
import org.evidencecds.findings.AnswerView;

/**
 * Credibility of a subgroup (effect-modification) claim, after ICEMAN for meta-analyses: items with a
 * response and a reason, and the overall rating.
 */
public record Credibility(Level level, @JsonView(AnswerView.Full.class) List<Item> items, String summary) {

    public Credibility {
        items = List.copyOf(items);
    }

    public enum Level {
        VERY_LOW, LOW, MODERATE, HIGH;

        public String words() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }

        public boolean atLeast(Level other) {
            return ordinal() >= other.ordinal();
        }
    }

    /** ICEMAN's legend: an item definitely or probably reduces credibility (or is unclear), or supports it. */
    public enum Response {
        SUPPORTS, UNCLEAR, REDUCES;

        public String words() {
            return switch (this) {
                case SUPPORTS -> "supports credibility";
                case UNCLEAR -> "unclear (probably reduces credibility)";
                case REDUCES -> "reduces credibility";
            };
        }
    }

    public record Item(String question, Response response, String reason) {
    }
}
