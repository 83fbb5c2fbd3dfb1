package org.evidencecds.rules;

/**
 * A finding that applies to this evaluation (inserted by the generated finding rules), for the
 * hand-written assembly rules that pick each outcome's headline.
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
    private final boolean effectModification;
    private final boolean headlineCandidate;
    private final int order;
    private final String populationDimension;
    private final String populationLevel;
    private final String populationLabel;
    private final boolean signReversed;

    public FindingFired(String pack, String findingId, String outcome, String role, String dimension, String level,
                        boolean numeric, boolean favoursCellTherapy, String credibility, String source,
                        boolean effectModification, boolean headlineCandidate, int order, String populationDimension,
                        String populationLevel, String populationLabel, boolean signReversed) {
        this.pack = pack;
        this.findingId = findingId;
        this.outcome = outcome;
        this.role = role;
        this.dimension = dimension;
        this.level = level;
        this.numeric = numeric;
        this.favoursCellTherapy = favoursCellTherapy;
        this.credibility = credibility;
        this.source = source;
        this.effectModification = effectModification;
        this.headlineCandidate = headlineCandidate;
        this.order = order;
        this.populationDimension = populationDimension;
        this.populationLevel = populationLevel;
        this.populationLabel = populationLabel;
        this.signReversed = signReversed;
    }

    /**
     * The form rules generated before protocols and population-aware headlines used (kept so that archived
     * knowledge versions still build for replay): not an effect-modification flag, not a headline candidate.
     */
    public FindingFired(String pack, String findingId, String outcome, String role, String dimension, String level,
                        boolean numeric, boolean favoursCellTherapy, String credibility, String source) {
        this(pack, findingId, outcome, role, dimension, level, numeric, favoursCellTherapy, credibility, source,
                credibility != null, numeric && ("OVERALL".equals(role) || "TIMEPOINT".equals(role)), 0, null, null, null, false);
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

    /** ICEMAN credibility of an effect-modification finding ("very low" ... "high"), null otherwise. */
    public String getCredibility() {
        return credibility;
    }

    public boolean isCredible() {
        return effectModification && ("moderate".equals(credibility) || "high".equals(credibility));
    }

    /** A subgroup finding comparing levels (not a review restricted to one level). */
    public boolean isEffectModification() {
        return effectModification;
    }

    /** A numeric estimate of the whole pool (overall or at a follow-up time): may be the outcome's headline. */
    public boolean isHeadlineCandidate() {
        return headlineCandidate;
    }

    /** Preference among headline candidates, lower first (see RuleCompiler.headlineOrder). */
    public int getOrder() {
        return order;
    }

    /** The patient dimension the pool is restricted to one level of (e.g. diabetes-type), or null. */
    public String getPopulationDimension() {
        return populationDimension;
    }

    public String getPopulationLevel() {
        return populationLevel;
    }

    public String getPopulationLabel() {
        return populationLabel;
    }

    /** The source prints the effect with the opposite sign to the outcome's convention. */
    public boolean isSignReversed() {
        return signReversed;
    }
}
