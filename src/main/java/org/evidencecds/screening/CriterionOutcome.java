package org.evidencecds.screening;

/** A criterion's status as a fact for the verdict rules (JavaBean getters for Drools). */
public final class CriterionOutcome {

    private final String criterion;
    private final boolean inclusion;
    private final String status;

    public CriterionOutcome(String criterion, boolean inclusion, String status) {
        this.criterion = criterion;
        this.inclusion = inclusion;
        this.status = status;
    }

    public String getCriterion() {
        return criterion;
    }

    public boolean isInclusion() {
        return inclusion;
    }

    public String getStatus() {
        return status;
    }
}
