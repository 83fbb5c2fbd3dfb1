package org.evidencecds.rules;

/** An outcome's headline has been chosen (so the overall estimate does not also claim it). */
public final class HeadlineChosen {

    private final String pack;
    private final String outcome;

    public HeadlineChosen(String pack, String outcome) {
        this.pack = pack;
        this.outcome = outcome;
    }

    public String getPack() {
        return pack;
    }

    public String getOutcome() {
        return outcome;
    }
}
