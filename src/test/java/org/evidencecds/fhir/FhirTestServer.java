package org.evidencecds.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * A real FHIR R4 server for tests: HAPI's RestfulServer in an embedded Tomcat, serving the given resources
 * (Patient read; Condition search by patient and clinical status; Observation search by patient and code,
 * other parameters accepted and ignored as many servers do), refusing requests without the bearer token.
 */
public final class FhirTestServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final String base;
    /** Every request the server received: "GET /fhir/Condition?patient=..." with its Authorization header. */
    public final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();

    public FhirTestServer(List<Resource> resources, String token) throws Exception {
        List<Patient> patients = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast).toList();
        List<Condition> conditions = resources.stream().filter(Condition.class::isInstance).map(Condition.class::cast).toList();
        List<Observation> observations = resources.stream().filter(Observation.class::isInstance).map(Observation.class::cast).toList();
        RestfulServer server = new RestfulServer(FhirContexts.r4()) {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws jakarta.servlet.ServletException, IOException {
                String auth = req.getHeader("Authorization");
                requests.add(req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString()) + " " + auth);
                if (!("Bearer " + token).equals(auth)) {
                    resp.setStatus(401);
                    resp.setContentType("application/fhir+json");
                    resp.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"security\"}]}");
                    return;
                }
                super.service(req, resp);
            }
        };
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setResourceProviders(new Patients(patients), new Conditions(conditions), new Observations(observations));
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("fhir-test-server").toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "fhir", server);
        ctx.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
        base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir";
    }

    public String base() {
        return base;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private static boolean subject(org.hl7.fhir.r4.model.Reference r, ReferenceParam patient) {
        return r.getReference() != null && r.getReference().equals("Patient/" + patient.getIdPart());
    }

    /** Whether the concept has one of the searched tokens (a token without a system matches any system). */
    static boolean coded(CodeableConcept cc, TokenOrListParam tokens) {
        if (tokens == null) {
            return true;
        }
        for (TokenParam t : tokens.getValuesAsQueryTokens()) {
            for (Coding c : cc.getCoding()) {
                if ((t.getSystem() == null || t.getSystem().equals(c.getSystem())) && t.getValue().equals(c.getCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    public record Patients(List<Patient> patients) implements IResourceProvider {
        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Patient.class;
        }

        @Read
        public Patient read(@IdParam IdType id) {
            return patients.stream().filter(p -> p.getIdElement().getIdPart().equals(id.getIdPart())).findFirst()
                    .orElseThrow(() -> new ResourceNotFoundException(id));
        }
    }

    public record Conditions(List<Condition> conditions) implements IResourceProvider {
        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Condition.class;
        }

        @Search(allowUnknownParams = true)
        public List<Condition> search(@RequiredParam(name = Condition.SP_PATIENT) ReferenceParam patient,
                                      @OptionalParam(name = Condition.SP_CLINICAL_STATUS) TokenOrListParam status) {
            return new ArrayList<>(conditions.stream().filter(c -> subject(c.getSubject(), patient))
                    .filter(c -> status == null || coded(c.getClinicalStatus(), status)).toList());
        }
    }

    public record Observations(List<Observation> observations) implements IResourceProvider {
        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Observation.class;
        }

        @Search(allowUnknownParams = true)
        public List<Observation> search(@RequiredParam(name = Observation.SP_PATIENT) ReferenceParam patient,
                                        @OptionalParam(name = Observation.SP_CODE) TokenOrListParam code) {
            return new ArrayList<>(observations.stream().filter(o -> subject(o.getSubject(), patient)).filter(o -> coded(o.getCode(), code)).toList());
        }
    }
}
