package org.evidencecds.screening;

import java.util.List;
import java.util.Optional;
import org.evidencecds.profile.Condition;

/**
 * A trial's eligibility criteria as transcribed from its registry record (one file under
 * {@code evidence/trials/}). Only criteria that can be decided from profile fields are {@link #criteria()};
 * everything else the record says is kept word for word in {@link #notScreened()}, so a screening never
 * pretends to have checked what it cannot.
 *
 * @param status       {@code transcribed} (from a registry record) or {@code example} (not a real protocol)
 * @param verification how the criteria were read: {@code verified}, {@code extracted} or {@code secondary}
 */
public record TrialProtocol(String id, String version, String title, String registry, String registryId,
                            String registryRecord, String sponsor, String intervention, String status,
                            String verification, String evidencePack, List<Source> sources, List<Criterion> criteria,
                            List<Unscreened> notScreened, String file) {

    public TrialProtocol {
        sources = List.copyOf(sources);
        criteria = List.copyOf(criteria);
        notScreened = List.copyOf(notScreened);
    }

    public enum Kind { INCLUSION, EXCLUSION }

    /** Where the criteria were read. */
    public record Source(String key, String url, String locator) {
    }

    /**
     * One screened criterion: it holds when any of its conditions holds (usually there is one). It cannot
     * be declared unmet while {@code notScreenedAlternatives} could still satisfy it.
     */
    public record Criterion(String id, Kind kind, String text, String source, List<Condition> anyOf,
                            List<String> notScreenedAlternatives, String note, int line) {
        public Criterion {
            anyOf = List.copyOf(anyOf);
            notScreenedAlternatives = List.copyOf(notScreenedAlternatives);
        }

        public List<String> fields() {
            return anyOf.stream().map(Condition::field).distinct().toList();
        }

        /** The conditions in words, e.g. "abi > 0.7 and < 1.3 or tcpo2MmHg > 30". */
        public String describe() {
            return String.join(" or ", anyOf.stream().map(Condition::describe).toList());
        }
    }

    /** A criterion of the record that no profile field can decide, kept for the investigator to check. */
    public record Unscreened(Kind kind, String text, String source, boolean readable) {
    }

    /** The source a criterion cites, if the protocol lists it. */
    public Optional<Source> source(String key) {
        return sources.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public Optional<Criterion> criterion(String id) {
        return criteria.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    static String num(double d) {
        return Condition.num(d);
    }
}
