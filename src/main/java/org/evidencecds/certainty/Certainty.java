package org.evidencecds.certainty;

import java.util.List;

/** GRADE certainty of one finding: per-domain judgements with reasons, the overall level and a statement. */
public record Certainty(Level level, boolean upperBound, List<Domain> domains, String statement, String summary) {

    public Certainty {
        domains = List.copyOf(domains);
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

    /** One GRADE domain (FHIR certainty-type code in {@code code}). */
    public record Domain(String code, String name, Judgement judgement, String reason) {
    }
}
