package org.evidencecds.meta;

/** Effect measures. Ratio measures (OR, RR) are pooled on the log scale. */
public enum Measure {
    OR, RR, MD, SMD;

    public boolean isRatio() {
        return this == OR || this == RR;
    }

    public boolean isBinary() {
        return this == OR || this == RR;
    }
}
