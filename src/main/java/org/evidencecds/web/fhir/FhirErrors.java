package org.evidencecds.web.fhir;

import java.nio.charset.StandardCharsets;
import org.evidencecds.ebm.FhirR5;
import org.hl7.fhir.r5.model.Narrative;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the FHIR endpoints as FHIR clients expect them: a FHIR {@code OperationOutcome} (application/fhir+json)
 * with one issue (severity error, a FHIR issue code, diagnostics naming what was looked for), not problem+json.
 * Never a stack trace. Before {@link org.evidencecds.web.ApiErrors}, and only for {@link FhirEvidenceController}.
 */
@RestControllerAdvice(assignableTypes = FhirEvidenceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FhirErrors {

    private static final Logger LOG = LoggerFactory.getLogger(FhirErrors.class);

    @ExceptionHandler(FhirProblem.class)
    ResponseEntity<byte[]> problem(FhirProblem e) {
        return outcome(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<byte[]> unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return outcome(HttpStatus.INTERNAL_SERVER_ERROR, OperationOutcome.IssueType.EXCEPTION,
                "The request could not be answered because of an internal error; it has been logged.");
    }

    static ResponseEntity<byte[]> outcome(HttpStatus status, OperationOutcome.IssueType code, String diagnostics) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(diagnostics);
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addText(diagnostics);
        oo.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div);
        return ResponseEntity.status(status).contentType(FhirEvidenceController.FHIR_JSON_UTF8)
                .body(FhirR5.json(oo).getBytes(StandardCharsets.UTF_8));
    }
}
