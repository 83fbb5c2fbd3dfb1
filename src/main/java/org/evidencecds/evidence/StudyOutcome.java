package org.evidencecds.evidence;

import java.util.List;
import org.evidencecds.evidence.Vocabulary.Contrast;
import org.evidencecds.evidence.Vocabulary.OutcomeType;
import org.evidencecds.evidence.Vocabulary.Statistic;
import org.evidencecds.evidence.Vocabulary.UnitOfAnalysis;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;

/** Outcome data of one comparison at one time point ({@code study_outcomes.csv}); null = not reported. */
public record StudyOutcome(String id, String study, String outcome, String outcomeAsReported, String timepoint,
                           UnitOfAnalysis unitOfAnalysis, Contrast contrast, Statistic statistic,
                           Integer eventsT, Integer totalT, Integer eventsC, Integer totalC,
                           Double meanT, Double sdT, Integer nT, Double meanC, Double sdC, Integer nC,
                           String unit, List<String> sources, String locator, String snippet,
                           VerificationStatus status, String note, Origin origin) {

    public StudyOutcome {
        sources = List.copyOf(sources);
    }

    /** Poolable: between-arms, means (not medians), and every number of its type present for both arms. */
    public boolean isComplete(OutcomeType type) {
        if (contrast != Contrast.BETWEEN_ARMS || statistic != Statistic.MEAN) {
            return false;
        }
        return type == OutcomeType.BINARY
                ? eventsT != null && totalT != null && eventsC != null && totalC != null
                : meanT != null && sdT != null && nT != null && meanC != null && sdC != null && nC != null;
    }

    /** Why the row cannot be pooled, in words; null when it is complete. */
    public String incompleteness(OutcomeType type) {
        if (contrast != Contrast.BETWEEN_ARMS) {
            return "single-arm data (no control comparison)";
        }
        if (statistic != Statistic.MEAN) {
            return "medians are not pooled as means";
        }
        List<String> missing = new java.util.ArrayList<>();
        if (type == OutcomeType.BINARY) {
            addIfNull(missing, eventsT, "events_t");
            addIfNull(missing, totalT, "total_t");
            addIfNull(missing, eventsC, "events_c");
            addIfNull(missing, totalC, "total_c");
        } else {
            addIfNull(missing, meanT, "mean_t");
            addIfNull(missing, sdT, "sd_t");
            addIfNull(missing, nT, "n_t");
            addIfNull(missing, meanC, "mean_c");
            addIfNull(missing, sdC, "sd_c");
            addIfNull(missing, nC, "n_c");
        }
        return missing.isEmpty() ? null : "not reported: " + String.join(", ", missing);
    }

    private static void addIfNull(List<String> missing, Object value, String name) {
        if (value == null) {
            missing.add(name);
        }
    }
}
