package org.evidencecds.evidence;

import java.util.List;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;

/**
 * A treatment protocol exactly as one source states it (e.g. a review's conclusion: "autologous BMMSCs
 * within a medium-to-high dose range via intramuscular injection"), as levels of the pack's protocol
 * dimensions ({@code dimension/level}). The engine never assembles a protocol from several sources.
 */
public record StatedProtocol(String id, String source, String locator, String snippet, VerificationStatus status,
                             List<String> elements, Origin origin) {

    public StatedProtocol {
        elements = List.copyOf(elements);
    }
}
