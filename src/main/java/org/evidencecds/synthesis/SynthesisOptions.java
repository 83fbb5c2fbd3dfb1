package org.evidencecds.synthesis;

import org.evidencecds.meta.MetaOptions;
import org.evidencecds.meta.Method;

/** How a pack is pooled: the meta-analysis options (REML by default, as metafor's rma). */
public record SynthesisOptions(MetaOptions meta) {

    public static SynthesisOptions defaults() {
        return new SynthesisOptions(MetaOptions.of(Method.REML));
    }

    public SynthesisOptions withMethod(Method method) {
        return new SynthesisOptions(meta.withMethod(method));
    }
}
