package org.evidencecds.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.evidencecds.profile.PatientProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error is RFC 7807 problem+json that names the field and the reason; never a stack trace. */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(PatientProfile.InvalidProfileException.class)
    ProblemDetail invalidProfile(PatientProfile.InvalidProfileException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid patient profile");
        p.setType(URI.create("urn:evidence-cds:problem:invalid-profile"));
        p.setProperty("errors", e.errors().stream().map(x -> Map.of("field", x.field(), "reason", x.reason())).toList());
        return p;
    }

    @ExceptionHandler(RequestIds.InvalidRequestId.class)
    ProblemDetail invalidRequestId(RequestIds.InvalidRequestId e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid request id");
        p.setType(URI.create("urn:evidence-cds:problem:invalid-request-id"));
        p.setProperty("errors", List.of(Map.of("field", e.field(), "reason", e.reason())));
        return p;
    }

    @ExceptionHandler(InvalidParameter.class)
    ProblemDetail invalidParameter(InvalidParameter e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid request parameter");
        p.setType(URI.create("urn:evidence-cds:problem:invalid-parameter"));
        p.setProperty("errors", List.of(Map.of("field", e.field(), "reason", e.reason())));
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Unknown " + e.what());
        p.setType(URI.create("urn:evidence-cds:problem:not-found"));
        return p;
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be answered because of an internal error; it has been logged.");
        p.setTitle("Internal error");
        return p;
    }

    /** Malformed JSON and wrong types: say where and what in plain words (see {@link JsonErrors}), never the parser's text. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        boolean cdsHooks = request instanceof org.springframework.web.context.request.ServletWebRequest s
                && BodySizeLimit.isCdsHooks(s.getRequest());
        String detail = JsonErrors.describe(ex.getCause(), cdsHooks ? "a JSON object (see the CDS Hooks specification)"
                : "a JSON object of profile fields (e.g. {\"ulcerAreaCm2\": 12})");
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setTitle("Unreadable request body");
        p.setProperty("errors", List.of(Map.of("field", "(body)", "reason", detail)));
        return handleExceptionInternal(ex, p, headers, HttpStatus.BAD_REQUEST, request);
    }
}
