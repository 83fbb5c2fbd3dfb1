package org.evidencecds.web.fhir;

import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;

/**
 * A request under {@code /fhir} that cannot be answered: answered with its status and a FHIR OperationOutcome
 * (one issue, severity error, this code, these diagnostics) by {@link FhirErrors}.
 */
final class FhirProblem extends RuntimeException {

    private final HttpStatus status;
    private final IssueType code;

    private FhirProblem(HttpStatus status, IssueType code, String diagnostics) {
        super(diagnostics);
        this.status = status;
        this.code = code;
    }

    /** 404, not-found: no such pack or resource. */
    static FhirProblem notFound(String diagnostics) {
        return new FhirProblem(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, diagnostics);
    }

    /** 404, not-supported: a resource type this server does not serve. */
    static FhirProblem notSupported(String diagnostics) {
        return new FhirProblem(HttpStatus.NOT_FOUND, IssueType.NOTSUPPORTED, diagnostics);
    }

    /** 400, required: a search parameter that must be given is missing or empty. */
    static FhirProblem required(String diagnostics) {
        return new FhirProblem(HttpStatus.BAD_REQUEST, IssueType.REQUIRED, diagnostics);
    }

    /** 503, transient: the export cannot be built now; it can once the underlying issue is resolved. */
    static FhirProblem unavailable(String diagnostics) {
        return new FhirProblem(HttpStatus.SERVICE_UNAVAILABLE, IssueType.TRANSIENT, diagnostics);
    }

    HttpStatus status() {
        return status;
    }

    IssueType code() {
        return code;
    }
}
