package org.evidencecds.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * The FHIR resources received for one patient, before reading: the Patient (or null), every other
 * resource, the references that mean this patient, and notes on what could not even be parsed.
 *
 * @param patientId  the patient's logical id (CDS Hooks context.patientId)
 * @param references the subject references that mean this patient: "Patient/{id}", and for a Bundle the
 *                   Patient entry's fullUrl (Synthea writes "urn:uuid:...")
 */
public record PatientRecord(String patientId, Patient patient, List<Resource> resources, List<String> references,
                            List<ReadNote> parseNotes) {
    public PatientRecord {
        resources = List.copyOf(resources);
        references = List.copyOf(references);
        parseNotes = List.copyOf(parseNotes);
    }
}
