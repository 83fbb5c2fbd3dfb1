package org.evidencecds.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the FHIR data said about the patient: the profile values (field name to number or category), what
 * was read into each, and what was ignored and why. Nothing ignored is ever silently lost.
 */
public record FhirReading(Map<String, Object> values, List<ReadNote> read, List<ReadNote> ignored) {
    public FhirReading {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        read = List.copyOf(read);
        ignored = List.copyOf(ignored);
    }

    /** The notes as plain strings, for an audit row. */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("read", read.stream().map(ReadNote::toString).toList());
        s.put("ignored", ignored.stream().map(ReadNote::toString).toList());
        return s;
    }
}
