package org.evidencecds.web;

import java.nio.file.Path;
import java.util.List;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the evidence packs once at start-up; a pack that does not validate stops the application. */
@Configuration
public class EvidenceConfiguration {

    @Bean
    public EvidenceCatalog evidenceCatalog(@Value("${evidence.dir:evidence}") String evidenceDir) {
        List<EvidencePack> packs = PackLoader.loadAll(Path.of(evidenceDir));
        return new EvidenceCatalog(packs);
    }
}
