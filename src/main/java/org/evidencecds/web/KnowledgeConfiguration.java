package org.evidencecds.web;

import java.nio.file.Path;
import org.evidencecds.audit.KnowledgeArchive;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.knowledge.EvidenceDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the domain core at the edge: the evidence, the trial protocols and their rules are loaded and
 * compiled at start-up (a pack that does not validate, or rules out of date with the evidence, stop the
 * application: see {@link StartupCheck}), and again on {@code POST /admin/knowledge/reload}.
 */
@Configuration
public class KnowledgeConfiguration {

    @Bean
    public LiveKnowledge liveKnowledge(KnowledgeArchive archive, @Value("${evidence.dir:evidence}") String evidenceDir,
                                       @Value("${rules.dir:rules}") String rulesDir) {
        EvidenceDirectory.Loaded loaded = EvidenceDirectory.load(Path.of(evidenceDir), Path.of(rulesDir));
        return new LiveKnowledge(new EvidenceFacade(loaded.knowledge()), loaded.screener(), archive, Path.of(evidenceDir),
                Path.of(rulesDir));
    }

    /** The facade keeps its identity across reloads: a reload swaps the knowledge inside it. */
    @Bean
    public EvidenceFacade evidenceFacade(LiveKnowledge live) {
        return live.facade();
    }

    @Bean
    public InfoContributor knowledgeInfo(LiveKnowledge live) {
        return builder -> {
            EvidenceFacade facade = live.facade();
            org.evidencecds.screening.Screener screener = live.screener();
            builder.withDetail("knowledgeVersion", facade.knowledge().version())
                    .withDetail("packs", facade.knowledge().packs().stream()
                            .map(p -> p.id() + "@" + p.info().version() + " " + p.contentHash()).toList())
                    .withDetail("trials", screener.protocols().stream().map(p -> screener.trial(p.id()).orElseThrow().rulesVersion()).toList());
        };
    }
}
