package org.evidencecds.meta;

/**
 * How to pool: the method, the Hartung-Knapp-Sidik-Jonkman adjustment (random effects only), and what to
 * do with double-zero studies. Confidence and prediction intervals are 95%.
 */
public record MetaOptions(Method method, boolean hksj, DoubleZeroPolicy doubleZero) {

    public MetaOptions {
        if (method == null) {
            throw new IllegalArgumentException("method is required");
        }
        if (doubleZero == null) {
            doubleZero = DoubleZeroPolicy.KEEP;
        }
        if (hksj && !method.isRandomEffects()) {
            throw new IllegalArgumentException("the Hartung-Knapp-Sidik-Jonkman adjustment applies to random-effects methods (DL, REML, PM), not " + method);
        }
    }

    public static MetaOptions of(Method method) {
        return new MetaOptions(method, false, DoubleZeroPolicy.KEEP);
    }

    public MetaOptions withHksj(boolean on) {
        return new MetaOptions(method, on, doubleZero);
    }

    public MetaOptions withMethod(Method other) {
        return new MetaOptions(other, hksj && other.isRandomEffects(), doubleZero);
    }
}
