package org.evidencecds.evidence;

import java.util.List;
import org.evidencecds.evidence.Vocabulary.Design;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;

/**
 * The study designs a review says it pooled (e.g. "Thirty-two RCTs"), with where it says so. A finding's
 * starting certainty comes from these: randomised trials only start high, anything else starts low, and
 * an unclear design leaves the start undetermined.
 */
public record StatedDesigns(List<Design> designs, String locator, String snippet, VerificationStatus status) {

    public StatedDesigns {
        designs = List.copyOf(designs);
    }

    public boolean randomisedOnly() {
        return !designs.isEmpty() && designs.stream().allMatch(d -> d == Design.RCT);
    }

    public boolean unclear() {
        return designs.isEmpty() || designs.contains(Design.UNCLEAR);
    }
}
