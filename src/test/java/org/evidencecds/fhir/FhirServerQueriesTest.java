package org.evidencecds.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FhirServerQueries against a real FHIR server: HAPI's RestfulServer with in-memory Patient, Condition and
 * Observation providers, in an embedded Tomcat on a free port, answering 401 without the expected bearer
 * token (and 403 to a token scoped to Patient reads only).
 */
class FhirServerQueriesTest {

    static final String TOKEN = "good-token.abc_123";
    static final String PATIENT_ONLY_TOKEN = "patient-only-token";
    static final FhirContext FHIR = FhirContext.forR4Cached();

    static Tomcat tomcat;
    static String base;
    static String root;
    static final ConcurrentLinkedQueue<String> AUTHORIZATION = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> QUERIES = new ConcurrentLinkedQueue<>();
    static FhirServerQueries queries;

    // --- the server's data -------------------------------------------------------------------------------

    static final Map<String, Patient> PATIENTS = new LinkedHashMap<>();
    static final List<Condition> CONDITIONS = new ArrayList<>();
    static final List<Observation> OBSERVATIONS = new ArrayList<>();

    static {
        Patient p = new Patient();
        p.setId("123");
        p.addName().setFamily("Example").addGiven("Ana");
        p.setGender(AdministrativeGender.FEMALE);
        p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1961-04-02"));
        PATIENTS.put("123", p);
        Patient q = new Patient();
        q.setId("456");
        q.addName().setFamily("Other");
        PATIENTS.put("456", q);

        CONDITIONS.add(condition("c1", "123", "44054006", "Diabetes mellitus type 2", "active"));
        CONDITIONS.add(condition("c2", "123", "280137006", "Diabetic foot ulcer", "active"));
        CONDITIONS.add(condition("c3", "123", "195967001", "Asthma", "resolved"));
        CONDITIONS.add(condition("c4", "456", "44054006", "Diabetes mellitus type 2", "active"));

        // five HbA1c results and one body weight for patient 123; twelve glucose results for patient 456
        for (int i = 0; i < 5; i++) {
            OBSERVATIONS.add(observation("a1c-" + i, "123", "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", 7.1 + i / 10.0, "%",
                    "2024-0" + (i + 1) + "-15"));
        }
        OBSERVATIONS.add(observation("weight-1", "123", "29463-7", "Body weight", 82, "kg", "2024-05-01"));
        for (int i = 0; i < 12; i++) {
            OBSERVATIONS.add(observation("glu-" + i, "456", "2345-7", "Glucose [Mass/volume] in Serum or Plasma", 110 + i, "mg/dL",
                    "2024-01-" + (10 + i)));
        }
    }

    static Condition condition(String id, String patient, String snomed, String display, String status) {
        Condition c = new Condition();
        c.setId(id);
        c.setSubject(new Reference("Patient/" + patient));
        c.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", status, null)));
        c.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", snomed, display)));
        return c;
    }

    static Observation observation(String id, String patient, String loinc, String display, double value, String unit, String date) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setSubject(new Reference("Patient/" + patient));
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", loinc, display)));
        o.setValue(new Quantity().setValue(value).setUnit(unit).setSystem("http://unitsofmeasure.org").setCode(unit));
        o.setEffective(new DateTimeType(date));
        return o;
    }

    static boolean matches(CodeableConcept cc, TokenOrListParam codes) {
        return FhirTestServer.coded(cc, codes);
    }

    public static class PatientProvider implements IResourceProvider {
        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Patient.class;
        }

        @Read
        public Patient read(@IdParam IdType id) {
            Patient p = PATIENTS.get(id.getIdPart());
            if (p == null) {
                throw new ResourceNotFoundException(id);
            }
            return p;
        }
    }

    public static class ConditionProvider implements IResourceProvider {
        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Condition.class;
        }

        @Search
        public List<Condition> search(@RequiredParam(name = Condition.SP_PATIENT) ReferenceParam patient,
                                      @OptionalParam(name = Condition.SP_CODE) TokenOrListParam code,
                                      @OptionalParam(name = Condition.SP_CLINICAL_STATUS) TokenParam clinicalStatus) {
            return CONDITIONS.stream()
                    .filter(c -> c.getSubject().getReference().equals("Patient/" + patient.getIdPart()))
                    .filter(c -> matches(c.getCode(), code))
                    .filter(c -> clinicalStatus == null || c.getClinicalStatus().getCodingFirstRep().getCode().equals(clinicalStatus.getValue()))
                    .toList();
        }
    }

    public static class ObservationProvider implements IResourceProvider {
        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Observation.class;
        }

        /** _count is honoured by the server's paging; _sort is accepted and ignored. */
        @Search(allowUnknownParams = true)
        public List<Observation> search(@RequiredParam(name = Observation.SP_PATIENT) ReferenceParam patient,
                                        @OptionalParam(name = Observation.SP_CODE) TokenOrListParam code) {
            return OBSERVATIONS.stream()
                    .filter(o -> o.getSubject().getReference().equals("Patient/" + patient.getIdPart()))
                    .filter(o -> matches(o.getCode(), code))
                    .toList();
        }
    }

    /** The FHIR server, refusing requests without the right bearer token. */
    static class GuardedServer extends RestfulServer {
        GuardedServer() {
            super(FHIR);
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws jakarta.servlet.ServletException, IOException {
            String auth = req.getHeader("Authorization");
            AUTHORIZATION.add(auth == null ? "(none)" : auth);
            QUERIES.add(req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString()));
            if (("Bearer " + PATIENT_ONLY_TOKEN).equals(auth)) {
                if (!req.getRequestURI().startsWith("/fhir/Patient/")) {
                    refuse(resp, 403, "the token's scope is patient/Patient.read");
                    return;
                }
            } else if (!("Bearer " + TOKEN).equals(auth)) {
                refuse(resp, 401, "a valid bearer token is needed");
                return;
            }
            super.service(req, resp);
        }

        private static void refuse(HttpServletResponse resp, int status, String why) throws IOException {
            resp.setStatus(status);
            resp.setContentType("application/fhir+json");
            resp.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"security\","
                    + "\"diagnostics\":\"" + why + "\"}]}");
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        GuardedServer server = new GuardedServer();
        server.setResourceProviders(new PatientProvider(), new ConditionProvider(), new ObservationProvider());
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(50);
        paging.setDefaultPageSize(20);
        paging.setMaximumPageSize(100);
        server.setPagingProvider(paging);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);

        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("fhir-tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "fhir", server);
        ctx.addServletMappingDecoded("/fhir/*", "fhir");
        Tomcat.addServlet(ctx, "html", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/html");
                resp.getWriter().write("<html><body>Welcome to our portal</body></html>");
            }
        });
        ctx.addServletMappingDecoded("/html/*", "html");
        Tomcat.addServlet(ctx, "slow", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                resp.setContentType("application/fhir+json");
                resp.getWriter().write("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
            }
        });
        ctx.addServletMappingDecoded("/slow/*", "slow");
        Tomcat.addServlet(ctx, "redirect", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendRedirect(root + "/fhir" + req.getPathInfo());
            }
        });
        ctx.addServletMappingDecoded("/redirect/*", "redirect");
        tomcat.start();
        root = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
        base = root + "/fhir";
        queries = new FhirServerQueries(FHIR);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (queries != null) {
            queries.close();
        }
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @BeforeEach
    void forget() {
        AUTHORIZATION.clear();
        QUERIES.clear();
    }

    static Map<String, String> ordered(String... keysAndQueries) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndQueries.length; i += 2) {
            m.put(keysAndQueries[i], keysAndQueries[i + 1]);
        }
        return m;
    }

    static List<String> ids(Bundle b) {
        return b.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    @Test
    void readsAndSearchesComeBackWithTheRightResourcesAndTheTokenIsSent() {
        FhirServerQueries.Fetched f = queries.fetch(base, TOKEN, ordered(
                "patient", "Patient/123",
                "conditions", "Condition?patient=123&clinical-status=active",
                "a1c", "Observation?patient=Patient/123&code=http://loinc.org|4548-4&_sort=-date",
                "weight", "Observation?patient=123&code=http%3A%2F%2Floinc.org%7C29463-7"));
        assertEquals(Map.of(), f.failures());

        Patient p = assertInstanceOf(Patient.class, f.resource("patient"));
        assertEquals("123", p.getIdElement().getIdPart());
        assertEquals("Example", p.getNameFirstRep().getFamily());

        Bundle conditions = assertInstanceOf(Bundle.class, f.resource("conditions"));
        assertEquals(Bundle.BundleType.SEARCHSET, conditions.getType());
        assertEquals(List.of("c1", "c2"), ids(conditions));
        assertEquals("280137006", ((Condition) conditions.getEntry().get(1).getResource()).getCode().getCodingFirstRep().getCode());

        Bundle a1c = (Bundle) f.resource("a1c");
        assertEquals(List.of("a1c-0", "a1c-1", "a1c-2", "a1c-3", "a1c-4"), ids(a1c), "the | in the token is sent so the server reads it");
        assertEquals(List.of("weight-1"), ids((Bundle) f.resource("weight")), "an already-escaped query is not escaped twice");
        assertTrue(((FhirServerQueries.Found) f.outcomes().get("a1c")).complete());

        assertEquals(4, AUTHORIZATION.size());
        AUTHORIZATION.forEach(h -> assertEquals("Bearer " + TOKEN, h));
    }

    @Test
    void aWrongTokenIsA401ReasonForEveryKey() {
        FhirServerQueries.Fetched f = queries.fetch(base, "not-the-token", ordered(
                "patient", "Patient/123", "conditions", "Condition?patient=123&clinical-status=active"));
        assertNull(f.resource("patient"));
        assertEquals("FHIR server answered 401 for Patient/123", f.failure("patient"));
        assertEquals("FHIR server answered 401 for Condition?patient=123&clinical-status=active", f.failure("conditions"));
        assertTrue(AUTHORIZATION.contains("Bearer not-the-token"));

        FhirServerQueries.Fetched none = queries.fetch(base, null, ordered("patient", "Patient/123"));
        assertEquals("FHIR server answered 401 for Patient/123", none.failure("patient"));
        assertTrue(AUTHORIZATION.contains("(none)"), "without a token no Authorization header is sent");
    }

    @Test
    void oneFailingKeyDoesNotLoseTheOthers() {
        FhirServerQueries.Fetched f = queries.fetch(base, PATIENT_ONLY_TOKEN, ordered(
                "conditions", "Condition?patient=123",
                "patient", "Patient/123",
                "bogus", "NotAType?patient=123",
                "absolute", "http://elsewhere.example/Patient/123",
                "observations", "Observation?patient=123"));
        assertEquals("FHIR server answered 403 for Condition?patient=123", f.failure("conditions"));
        assertEquals("Ana", ((Patient) f.resource("patient")).getNameFirstRep().getGivenAsSingleString());
        assertTrue(f.failure("bogus").contains("names no FHIR R4 resource type (NotAType)"), f.failure("bogus"));
        assertTrue(f.failure("absolute").contains("neither a read"), f.failure("absolute"));
        assertEquals("FHIR server answered 403 for Observation?patient=123", f.failure("observations"));
        assertEquals(4, f.failures().size());
        assertTrue(QUERIES.stream().noneMatch(q -> q.contains("elsewhere") || q.contains("NotAType")), QUERIES.toString());
    }

    @Test
    void pagesAreFollowedAndMergedIntoOneSearchset() {
        FhirServerQueries.Fetched f = queries.fetch(base, TOKEN, ordered("a1c", "Observation?patient=123&code=4548-4&_count=3"));
        Bundle b = (Bundle) f.resource("a1c");
        assertEquals(List.of("a1c-0", "a1c-1", "a1c-2", "a1c-3", "a1c-4"), ids(b));
        assertEquals(Bundle.BundleType.SEARCHSET, b.getType());
        assertNull(b.getLink(Bundle.LINK_NEXT), "the merged bundle has no next link");
        assertEquals(5, b.getTotal());
        assertTrue(((FhirServerQueries.Found) f.outcomes().get("a1c")).complete());
        assertEquals(2, QUERIES.size(), "two pages: " + QUERIES);
        assertTrue(QUERIES.stream().skip(1).allMatch(q -> q.contains("_getpages")), QUERIES.toString());
        AUTHORIZATION.forEach(h -> assertEquals("Bearer " + TOKEN, h, "the token goes with the next page too"));
    }

    @Test
    void atMostFivePagesAreReadAndTheOutcomeSaysSo() {
        FhirServerQueries.Fetched f = queries.fetch(base, TOKEN, ordered("glucose", "Observation?patient=456&_count=2"));
        FhirServerQueries.Found found = (FhirServerQueries.Found) f.outcomes().get("glucose");
        assertEquals(10, ((Bundle) found.resource()).getEntry().size());
        assertFalse(found.complete());
        assertEquals(List.of("only the first 5 pages were read; the server has more"), found.notes());
        assertEquals(5, QUERIES.size());
    }

    @Test
    void anUnknownPatientIsNoDataNotAFailure() {
        FhirServerQueries.Fetched f = queries.fetch(base, TOKEN, ordered("patient", "Patient/999", "conditions", "Condition?patient=999"));
        assertNull(f.resource("patient"));
        assertNull(f.failure("patient"));
        assertInstanceOf(FhirServerQueries.NoData.class, f.outcomes().get("patient"));
        assertEquals(List.of(), ids((Bundle) f.resource("conditions")), "a search with no match is an empty searchset");
        assertTrue(f.failures().isEmpty());
    }

    @Test
    void anUnreachableServerFailsFastForEveryKey() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long start = System.nanoTime();
        FhirServerQueries.Fetched f = queries.fetch("http://127.0.0.1:" + closed + "/fhir", TOKEN, ordered(
                "patient", "Patient/123", "conditions", "Condition?patient=123"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2500, "took " + millis + " ms");
        assertTrue(f.failure("patient").startsWith("could not connect to http://127.0.0.1:" + closed + "/fhir"), f.failure("patient"));
        assertTrue(f.failure("conditions").endsWith("(not tried again)"), f.failure("conditions"));
    }

    @Test
    void aSlowServerTimesOut() {
        try (FhirServerQueries impatient = new FhirServerQueries(FHIR, Duration.ofSeconds(1), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            FhirServerQueries.Fetched f = impatient.fetch(root + "/slow", TOKEN, ordered("conditions", "Condition?patient=123"));
            assertEquals("timed out after 300 ms waiting for " + root + "/slow", f.failure("conditions"));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 1400);
        }
    }

    @Test
    void aPageThatIsNotFhirIsSaidSo() {
        FhirServerQueries.Fetched f = queries.fetch(root + "/html", TOKEN, ordered("patient", "Patient/123", "conditions", "Condition?patient=123"));
        assertTrue(f.failure("patient").startsWith("not a FHIR response"), f.failure("patient"));
        assertTrue(f.failure("conditions").startsWith("not a FHIR response"), f.failure("conditions"));
    }

    @Test
    void aRedirectIsNotFollowedSoTheTokenGoesNowhereElse() {
        FhirServerQueries.Fetched f = queries.fetch(root + "/redirect", TOKEN, ordered("patient", "Patient/123"));
        assertEquals("FHIR server answered 302 for Patient/123", f.failure("patient"));
        assertTrue(AUTHORIZATION.isEmpty(), "the FHIR servlet was never asked: " + AUTHORIZATION);
    }

    @Test
    void onlyHttpAndHttpsBasesAreQueried() {
        for (String bad : List.of("file:///etc/passwd", "ftp://127.0.0.1/fhir", "jar:file:/x.jar!/", "gopher://127.0.0.1:70/", "127.0.0.1/fhir")) {
            FhirServerQueries.Fetched f = queries.fetch(bad, TOKEN, ordered("patient", "Patient/123"));
            assertTrue(f.failure("patient").startsWith("the fhirServer must be an http or https URL"), bad + ": " + f.failure("patient"));
        }
        assertEquals("the fhirServer URL must not carry user information",
                queries.fetch("http://user:pw@127.0.0.1/fhir", TOKEN, ordered("p", "Patient/1")).failure("p"));
        assertEquals("no fhirServer was given", queries.fetch(null, TOKEN, ordered("p", "Patient/1")).failure("p"));
        assertTrue(queries.fetch(base, "bad\r\nX-Injected: 1", ordered("p", "Patient/1")).failure("p").startsWith("the access token is not a bearer token"));
        assertTrue(AUTHORIZATION.isEmpty(), "nothing was sent");
        assertNull(FhirServerQueries.checkBase("https://ehr.example.org/fhir/r4/"));
    }

    @Test
    void templatesAreFilledFromTheContextAndThoseNamingMissingTokensAreSkipped() {
        Map<String, String> templates = ordered(
                "patient", "Patient/{{context.patientId}}",
                "conditions", "Condition?patient={{context.patientId}}&clinical-status=active",
                "encounter", "Encounter/{{context.encounterId}}",
                "practitioner", "Practitioner/{{userPractitionerId}}",
                "user", "{{context.userId}}");
        Map<String, Object> context = Map.of("patientId", "12 3&x=1", "userId", "Practitioner/example");
        FhirServerQueries.Filled filled = FhirServerQueries.fill(templates, context);
        assertEquals(ordered(
                "patient", "Patient/12%203%26x%3D1",
                "conditions", "Condition?patient=12%203%26x%3D1&clinical-status=active",
                "user", "Practitioner%2Fexample"), filled.queries());
        assertEquals("the template names {{context.encounterId}} and the hook context has no value for encounterId", filled.skipped().get("encounter"));
        assertEquals("the template names the token {{userPractitionerId}}, which this service does not fill", filled.skipped().get("practitioner"));

        FhirServerQueries.Filled plain = FhirServerQueries.fill(ordered("c", "Condition?patient={{context.patientId}}"), Map.of("patientId", "123"));
        assertEquals("Condition?patient=123", plain.queries().get("c"));
        assertNotNull(queries.fetch(base, TOKEN, plain.queries()).resource("c"));
    }
}
