package org.evidencecds.rules;

/** Marks a pack as in scope for this evaluation. */
public final class EvaluationScope {

    private final String pack;

    public EvaluationScope(String pack) {
        this.pack = pack;
    }

    public String getPack() {
        return pack;
    }
}
