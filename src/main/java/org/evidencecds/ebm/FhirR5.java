package org.evidencecds.ebm;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** FHIR R5 JSON in and out, with the process's one R5 context ({@link org.evidencecds.fhir.FhirContexts#r5()}). */
public final class FhirR5 {

    private FhirR5() {
    }

    public static FhirContext context() {
        return org.evidencecds.fhir.FhirContexts.r5();
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
