package org.evidencecds.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error page ({@code /error}, in place of Spring Boot's whitelabel one): errors that happen
 * outside Spring MVC's exception handling (a filter's {@code sendError}, an exception escaping the
 * dispatcher) become problem+json, or a readable HTML page for a browser. Never a stack trace or an
 * exception's message.
 */
@Controller
public class ErrorPages implements ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    @RequestMapping("${server.error.path:/error}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (code == null && uri == null) {
            // asked for directly, not an error being shown: there is no page here
            code = 404;
            uri = request.getRequestURI();
        }
        int status = code instanceof Integer i ? i : response.getStatus() >= 400 ? response.getStatus() : 500;
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable t && status >= 500) {
            LOG.error("unexpected error answering {}", uri, t);
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        ProblemResponses.write(response, request.getHeader(HttpHeaders.ACCEPT),
                ProblemResponses.forStatus(status, uri instanceof String s ? s : null));
    }
}
