package org.evidencecds.meta;

/** Events and totals per arm of one two-arm comparison (treatment t vs control c). */
public record BinaryStudy(String study, int eventsT, int totalT, int eventsC, int totalC) {

    public BinaryStudy {
        if (totalT <= 0 || totalC <= 0) {
            throw new IllegalArgumentException(study + ": totals must be > 0 (n_t=" + totalT + ", n_c=" + totalC + ")");
        }
        if (eventsT < 0 || eventsC < 0) {
            throw new IllegalArgumentException(study + ": events must be >= 0");
        }
        if (eventsT > totalT || eventsC > totalC) {
            throw new IllegalArgumentException(study + ": events exceed total (event_t=" + eventsT + "/" + totalT
                    + ", event_c=" + eventsC + "/" + totalC + ")");
        }
    }

    /** No events in both arms, or only events in both arms: the table carries no information on a ratio. */
    public boolean isDoubleZero() {
        return (eventsT == 0 && eventsC == 0) || (eventsT == totalT && eventsC == totalC);
    }

    /** Any of the four cells is zero (metafor's to = "only0" trigger for the 0.5 correction). */
    public boolean hasZeroCell() {
        return eventsT == 0 || eventsC == 0 || eventsT == totalT || eventsC == totalC;
    }
}
