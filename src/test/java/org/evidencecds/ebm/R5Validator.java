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
final class R5Validator {

    private R5Validator() {
    }

    private static final class Holder {
        static final FhirValidator VALIDATOR = build();
    }

    private static FhirValidator build() {
        var ctx = FhirR5.context();
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(ctx);
        EbmCodes.codeSystems().forEach(ours::addCodeSystem);
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx), ours,
                new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
        FhirValidator validator = ctx.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
        return validator;
    }

    /** Every message (all severities), as "SEVERITY location: message". */
    static List<SingleValidationMessage> messages(IBaseResource resource) {
        return Holder.VALIDATOR.validateWithResult(resource).getMessages();
    }

    static boolean isError(SingleValidationMessage m) {
        return m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal();
    }

    static String line(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}
