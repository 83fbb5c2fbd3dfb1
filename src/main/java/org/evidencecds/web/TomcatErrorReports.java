package org.evidencecds.web;

import java.io.IOException;
import org.apache.catalina.Container;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before the application sees them (an encoded slash {@code %2F}, a {@code ..} beyond
 * the root, a malformed percent-encoding) are answered by the host's error report valve: here one that writes
 * problem+json, or the application's HTML error page for a browser, instead of Tomcat's own page.
 */
@Component
public class TomcatErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            if (host instanceof StandardHost h) {
                // the host adds this valve when it starts, after Spring Boot's own error report valve: it reports first
                h.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /** Tomcat's error report valve, reporting as the application does. */
    public static class ProblemReportValve extends ErrorReportValve {

        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                // the request target as Tomcat received it is not echoed: it is what was refused
                ProblemResponses.write(response.getResponse(), request.getHeader(HttpHeaders.ACCEPT), ProblemResponses.forStatus(status, null));
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client is gone, or the response is already on its way: nothing more to report
            }
        }
    }
}
