package org.evidencecds.certainty;

import com.fasterxml.jackson.annotation.JsonView;
import java.util.List;
import org.evidencecds.findings.AnswerView;

/**
 * GRADE certainty of one finding: where the rating starts and why, per-domain judgements with reasons,
 * the level, and a statement in GRADE's wording.
 *
 * <p>A level is given only when it could be rated. When a domain the level depends on could not be
 * assessed (an abstract gives no risk-of-bias ratings, no I², no sample size), {@code level} is null,
 * {@code rated} is false and {@code notRatedBecause} says why; {@code upperBound} is then the highest level
 * the evidence could reach (its start, less the concerns that are known), kept apart so that nobody reads
 * it as the rating.
 *
 * @param level the certainty, or null when not rated
 * @param rated whether {@code level} is a rating
 * @param upperBound the highest level possible given what is known (equals {@code level} when rated; null
 *                   when not even the start is known)
 * @param start where the rating starts and why (level null when the pooled designs are not stated)
 * @param notRatedBecause why there is no rating (null when rated)
 * @param summary the certainty in words for a reader, e.g. "Low certainty: rated down for …" or "Not rated: …"
 */
public record Certainty(Level level, boolean rated, Level upperBound, Start start, List<Domain> domains,
                        @JsonView(AnswerView.Full.class) String notRatedBecause, @JsonView(AnswerView.Full.class) String statement, String summary) {

    public Certainty {
        domains = List.copyOf(domains);
        if (rated != (level != null)) {
            throw new IllegalArgumentException("rated must say whether a level is given");
        }
    }

    /** The starting level (high for randomised trials, low otherwise) and why; level null when unknown. */
    public record Start(Level level, @JsonView(AnswerView.Full.class) String reason) {
    }

    public enum Level {
        HIGH, MODERATE, LOW, VERY_LOW;

        public String words() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }

        Level down(int steps) {
            return values()[Math.min(values().length - 1, ordinal() + steps)];
        }
    }

    public enum Judgement {
        NO_CONCERN, SERIOUS, VERY_SERIOUS, NOT_ASSESSABLE;

        public String words() {
            return switch (this) {
                case NO_CONCERN -> "no serious concern";
                case SERIOUS -> "serious concern";
                case VERY_SERIOUS -> "very serious concern";
                case NOT_ASSESSABLE -> "not assessable";
            };
        }

        int downgrade() {
            return this == SERIOUS ? 1 : this == VERY_SERIOUS ? 2 : 0;
        }
    }

    /**
     * One GRADE domain (FHIR certainty-type code in {@code code}). {@code knownDowngrade}: the levels it
     * rates down by what is known (for a domain not fully assessable, the concerns already found), so that
     * the upper bound stays a true bound.
     */
    public record Domain(String code, String name, Judgement judgement, @JsonView(AnswerView.Full.class) String reason,
                         int knownDowngrade) {

        public Domain(String code, String name, Judgement judgement, String reason) {
            this(code, name, judgement, reason, judgement.downgrade());
        }
    }
}
