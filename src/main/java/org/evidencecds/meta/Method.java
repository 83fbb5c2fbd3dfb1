package org.evidencecds.meta;

/**
 * Pooling methods: fixed-effect inverse variance (FE), Mantel-Haenszel (MH, binary only), and random
 * effects with the DerSimonian-Laird (DL), restricted maximum likelihood (REML) or Paule-Mandel (PM)
 * estimator of the between-study variance tau².
 */
public enum Method {
    FE, MH, DL, REML, PM;

    public boolean isRandomEffects() {
        return this == DL || this == REML || this == PM;
    }
}
