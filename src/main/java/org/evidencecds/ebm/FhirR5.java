package org.evidencecds.ebm;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The one FHIR R5 context of the process (building one takes about a second; using it is thread-safe). */
public final class FhirR5 {

    private FhirR5() {
    }

    private static final class Holder {
        static final FhirContext R5 = FhirContext.forR5();
    }

    public static FhirContext context() {
        return Holder.R5;
    }

    /** JSON as FHIR writes it (pretty printed: the export is read by people too). */
    public static String json(IBaseResource resource) {
        return context().newJsonParser().setPrettyPrint(true).encodeResourceToString(resource);
    }

    /** Parses FHIR JSON; a malformed document throws {@link DataFormatException} naming where. */
    public static <T extends IBaseResource> T parse(Class<T> type, String json) {
        return context().newJsonParser().parseResource(type, json);
    }
}
