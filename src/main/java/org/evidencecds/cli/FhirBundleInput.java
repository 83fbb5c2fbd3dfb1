package org.evidencecds.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.evidencecds.fhir.FhirPatientReader;
import org.evidencecds.fhir.FhirReading;
import org.evidencecds.fhir.PatientRecord;
import org.evidencecds.fhir.ReadNote;
import org.evidencecds.fhir.ReadingRules;
import org.evidencecds.fhir.ResourceParser;

/**
 * A patient's FHIR R4 record from a file (a Bundle as Synthea or an EHR export writes it, or one resource),
 * read by the same reading rules as CDS Hooks. Problems with the file are usage errors naming file:line:column.
 */
final class FhirBundleInput {

    private FhirBundleInput() {
    }

    static FhirReading read(Path file, String patientId, LocalDate today) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--fhir-bundle: no such file: " + file);
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new UsageException("--fhir-bundle: " + file + where + ": not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UsageException("--fhir-bundle: " + file + " cannot be read: " + e.getMessage());
        }
        if (json == null || !json.isObject() || !json.hasNonNull("resourceType")) {
            throw new UsageException("--fhir-bundle: " + file + ":1:1: not a FHIR resource (no resourceType)");
        }
        if (patientId == null) {
            List<String> patients = patients(json);
            if (patients.size() != 1) {
                throw new UsageException("--fhir-bundle: " + file + " has " + (patients.isEmpty() ? "no Patient" : patients.size()
                        + " Patients (" + String.join(", ", patients) + ")") + ": give --patient-id");
            }
        }
        PatientRecord record = ResourceParser.fromBundle(json, patientId);
        return new FhirPatientReader(ReadingRules.standard()).read(record, today);
    }

    private static List<String> patients(JsonNode json) {
        if ("Patient".equals(json.path("resourceType").asText())) {
            return List.of(json.path("id").asText("(no id)"));
        }
        List<String> ids = new java.util.ArrayList<>();
        json.path("entry").forEach(e -> {
            if ("Patient".equals(e.path("resource").path("resourceType").asText())) {
                ids.add(e.path("resource").path("id").asText("(no id)"));
            }
        });
        return ids;
    }

    /** What was read and what was not, for the text report. */
    static void print(FhirReading reading, Path file, PrintWriter out) {
        out.println("Read from " + file + ":");
        if (reading.read().isEmpty()) {
            out.println("  nothing the evidence uses");
        }
        for (ReadNote n : reading.read()) {
            out.println("  " + n);
        }
        if (!reading.ignored().isEmpty()) {
            out.println("Not used:");
            reading.ignored().forEach(n -> out.println("  " + n));
        }
        out.println();
    }
}
