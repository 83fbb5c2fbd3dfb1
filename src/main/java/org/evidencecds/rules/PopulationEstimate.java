package org.evidencecds.rules;

/**
 * A headline candidate whose whole pool is the patient's own population: its finding names a population level
 * (e.g. type 2 diabetes only) and the patient was placed in that level (inserted by the assembly rules).
 * Derived once per candidate so that the headline rules compare these among themselves, instead of joining
 * every pair of candidates with the patient's levels again.
 */
public final class PopulationEstimate {

    private final FindingFired finding;

    public PopulationEstimate(FindingFired finding) {
        this.finding = finding;
    }

    public String getPack() {
        return finding.getPack();
    }

    public String getOutcome() {
        return finding.getOutcome();
    }

    public String getFindingId() {
        return finding.getFindingId();
    }

    public int getOrder() {
        return finding.getOrder();
    }

    public String getSource() {
        return finding.getSource();
    }

    public String getRole() {
        return finding.getRole();
    }

    /** How the population is named to a reader, e.g. "type 2 diabetes". */
    public String getLabel() {
        return finding.getPopulationLabel();
    }
}
