package org.evidencecds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.evidencecds.fhir.FhirPatientReader;
import org.evidencecds.fhir.FhirReading;
import org.evidencecds.fhir.ReadingRules;
import org.evidencecds.fhir.ResourceParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading a patient's FHIR record into a profile (HAPI parsing of each resource, then the reading rules), as
 * a CDS Hooks call does, for a record with {@code observations} Observations: a year of daily vital signs is
 * about 365, the wound area and HbA1c results the evidence uses are among them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FhirReadingBenchmarks {

    @State(Scope.Benchmark)
    public static class Record {
        @Param({"10", "400"})
        public int observations;

        Map<String, JsonNode> prefetch;
        final FhirPatientReader reader = new FhirPatientReader(ReadingRules.standard());
        final LocalDate today = LocalDate.of(2026, 11, 29);

        @Setup
        public void setUp() {
            prefetch = generate(observations);
        }
    }

    @Benchmark
    public FhirReading parseAndRead(Record r) {
        return r.reader.read(ResourceParser.fromPrefetch(r.prefetch, "p1"), r.today);
    }

    /** A prefetch as an EHR sends it: the Patient, diabetes and an active foot ulcer, and n Observations newest first. */
    static Map<String, JsonNode> generate(int n) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode patient = json.createObjectNode().put("resourceType", "Patient").put("id", "p1").put("birthDate", "1958-06-02");
        ObjectNode conditions = bundle(json);
        ArrayNode entries = (ArrayNode) conditions.get("entry");
        entries.addObject().set("resource", condition(json, "dm", "http://hl7.org/fhir/sid/icd-10-cm", "E11.9", "2011-03-14"));
        entries.addObject().set("resource", condition(json, "dfu", "http://snomed.info/sct", "280137006", "2026-02-20"));
        entries.addObject().set("resource", condition(json, "htn", "http://snomed.info/sct", "38341003", "2009-01-05"));
        ObjectNode observations = bundle(json);
        ArrayNode obs = (ArrayNode) observations.get("entry");
        LocalDate day = LocalDate.of(2026, 11, 28);
        for (int i = 0; i < n; i++) {
            String code = i % 30 == 0 ? "89260-4" : i % 90 == 1 ? "4548-4" : "8867-4";
            String unit = code.equals("89260-4") ? "cm2" : code.equals("4548-4") ? "%" : "/min";
            double value = code.equals("89260-4") ? 8.5 : code.equals("4548-4") ? 7.9 : 72;
            ObjectNode o = json.createObjectNode().put("resourceType", "Observation").put("id", "o" + i).put("status", "final");
            o.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", code);
            o.putObject("subject").put("reference", "Patient/p1");
            o.put("effectiveDateTime", day.minusDays(i).toString() + "T08:00:00Z");
            o.putObject("valueQuantity").put("value", value).put("unit", unit).put("system", "http://unitsofmeasure.org").put("code", unit);
            obs.addObject().set("resource", o);
        }
        return Map.of("patient", patient, "conditions", conditions, "observations", observations);
    }

    private static ObjectNode bundle(ObjectMapper json) {
        ObjectNode b = json.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        b.putArray("entry");
        return b;
    }

    private static ObjectNode condition(ObjectMapper json, String id, String system, String code, String onset) {
        ObjectNode c = json.createObjectNode().put("resourceType", "Condition").put("id", id);
        c.putObject("clinicalStatus").putArray("coding").addObject().put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical")
                .put("code", "active");
        c.putObject("verificationStatus").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-ver-status").put("code", "confirmed");
        c.putObject("code").putArray("coding").addObject().put("system", system).put("code", code);
        c.putObject("subject").put("reference", "Patient/p1");
        c.put("onsetDateTime", onset);
        return c;
    }
}
