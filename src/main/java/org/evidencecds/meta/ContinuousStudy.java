package org.evidencecds.meta;

/** Mean, SD and size per arm of one two-arm comparison (treatment t vs control c). */
public record ContinuousStudy(String study, double meanT, double sdT, int nT, double meanC, double sdC, int nC) {

    public ContinuousStudy {
        if (!Double.isFinite(meanT) || !Double.isFinite(meanC)) {
            throw new IllegalArgumentException(study + ": means must be finite numbers");
        }
        if (!(sdT > 0) || !(sdC > 0) || !Double.isFinite(sdT) || !Double.isFinite(sdC)) {
            throw new IllegalArgumentException(study + ": SDs must be > 0 (sd_t=" + sdT + ", sd_c=" + sdC + ")");
        }
        if (nT <= 0 || nC <= 0) {
            throw new IllegalArgumentException(study + ": n must be > 0 (n_t=" + nT + ", n_c=" + nC + ")");
        }
    }
}
