package org.evidencecds.fhir;

import ca.uhn.fhir.context.FhirContext;

/** The one FHIR R4 context of the process: building one takes over a second, using it is cheap and thread-safe. */
public final class FhirContexts {

    private FhirContexts() {
    }

    private static final class Holder {
        static final FhirContext R4 = FhirContext.forR4();
    }

    public static FhirContext r4() {
        return Holder.R4;
    }
}
