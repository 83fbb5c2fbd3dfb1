package org.evidencecds.fhir;

import ca.uhn.fhir.context.FhirContext;

/**
 * The FHIR contexts of the process, one per version: building one takes over a second, using it is cheap and
 * thread-safe. R4 reads EHR data; R5 writes and reads evidence (EBM-on-FHIR, {@code org.evidencecds.ebm}).
 */
public final class FhirContexts {

    private FhirContexts() {
    }

    private static final class Holder {
        static final FhirContext R4 = FhirContext.forR4();
    }

    private static final class R5Holder {
        static final FhirContext R5 = FhirContext.forR5();
    }

    public static FhirContext r4() {
        return Holder.R4;
    }

    public static FhirContext r5() {
        return R5Holder.R5;
    }
}
