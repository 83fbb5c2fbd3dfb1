package org.evidencecds.ebm;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The HAPI FHIR validator against the R5 base profiles and the terminology packages it ships (R5 core,
 * extensions, terminology.hl7.org 5.1.0), offline, with this project's code systems known. Built once per test
 * JVM: loading the packages takes tens of seconds.
 */
public final class R5Validator {

    private R5Validator() {
    }

    private static final class Holder {
        static final ValidationSupportChain CHAIN = chain();
        static final FhirValidator VALIDATOR = build();
    }

    private static ValidationSupportChain chain() {
        var ctx = FhirR5.context();
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(ctx);
        EbmCodes.codeSystems().forEach(ours::addCodeSystem);
        return new ValidationSupportChain(new DefaultProfileValidationSupport(ctx), ours,
                new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
    }

    private static FhirValidator build() {
        FhirValidator validator = FhirR5.context().newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(Holder.CHAIN));
        return validator;
    }

    /** The display the code system the validator knows gives to {@code system#code}; null when it knows neither. */
    static String display(String system, String code) {
        var cs = (org.hl7.fhir.r5.model.CodeSystem) Holder.CHAIN.fetchCodeSystem(system);
        if (cs == null) {
            return null;
        }
        return find(cs.getConcept(), code);
    }

    private static String find(List<org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent> concepts, String code) {
        for (var c : concepts) {
            if (c.getCode().equals(code)) {
                return c.getDisplay();
            }
            String nested = find(c.getConcept(), code);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    /** Every message (all severities), as "SEVERITY location: message". */
    public static List<SingleValidationMessage> messages(IBaseResource resource) {
        return Holder.VALIDATOR.validateWithResult(resource).getMessages();
    }

    public static boolean isError(SingleValidationMessage m) {
        return m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal();
    }

    public static String line(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}
