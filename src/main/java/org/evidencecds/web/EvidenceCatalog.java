package org.evidencecds.web;

import java.util.List;
import java.util.Optional;
import org.evidencecds.evidence.EvidencePack;

/** The loaded packs, immutable. */
public record EvidenceCatalog(List<EvidencePack> packs) {

    public EvidenceCatalog {
        packs = List.copyOf(packs);
    }

    public Optional<EvidencePack> pack(String id) {
        return packs.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
