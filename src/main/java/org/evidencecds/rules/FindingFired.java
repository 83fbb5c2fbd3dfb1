package org.evidencecds.rules;

/**
 * A finding that applies to this evaluation (inserted by the generated finding rules), for the
 * hand-written assembly rules (headline, protocol).
 */
public final class FindingFired {

    private final String pack;
    private final String findingId;
    private final String outcome;
    private final String role;
    private final String dimension;
    private final String level;
    private final boolean numeric;
    private final boolean favoursCellTherapy;
    private final String credibility;
    private final String source;

    public FindingFired(String pack, String findingId, String outcome, String role, String dimension, String level,
                        boolean numeric, boolean favoursCellTherapy, String credibility, String source) {
        this.credibility = credibility;
        this.source = source;
        this.pack = pack;
        this.findingId = findingId;
        this.outcome = outcome;
        this.role = role;
        this.dimension = dimension;
        this.level = level;
        this.numeric = numeric;
        this.favoursCellTherapy = favoursCellTherapy;
    }

    /** The source key of the review (or trial) the finding comes from. */
    public String getSource() {
        return source;
    }

    public String getPack() {
        return pack;
    }

    public String getFindingId() {
        return findingId;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getRole() {
        return role;
    }

    public String getDimension() {
        return dimension;
    }

    public String getLevel() {
        return level;
    }

    public boolean isNumeric() {
        return numeric;
    }

    public boolean isFavoursCellTherapy() {
        return favoursCellTherapy;
    }

    /** ICEMAN credibility of a subgroup finding ("very low" ... "high"), null for overall findings. */
    public String getCredibility() {
        return credibility;
    }

    public boolean isCredible() {
        return "moderate".equals(credibility) || "high".equals(credibility);
    }
}
