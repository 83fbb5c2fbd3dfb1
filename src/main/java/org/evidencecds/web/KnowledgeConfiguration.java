package org.evidencecds.web;

import java.nio.file.Path;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.rules.KnowledgeLoader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the domain core at the edge: the evidence and rules are loaded and compiled once at start-up
 * (a pack that does not validate, or rules out of date with the evidence, stop the application).
 */
@Configuration
public class KnowledgeConfiguration {

    @Bean
    public EvidenceFacade evidenceFacade(@Value("${evidence.dir:evidence}") String evidenceDir,
                                         @Value("${rules.dir:rules}") String rulesDir) {
        return new EvidenceFacade(KnowledgeLoader.load(Path.of(evidenceDir), Path.of(rulesDir)));
    }

    /** Trial protocols under evidence/trials, compiled and checked against rules/generated/trials like the evidence. */
    @Bean
    public org.evidencecds.screening.Screener screener(EvidenceFacade facade, @Value("${evidence.dir:evidence}") String evidenceDir,
                                                      @Value("${rules.dir:rules}") String rulesDir) {
        return org.evidencecds.screening.Screener.load(Path.of(evidenceDir), Path.of(rulesDir),
                facade.knowledge().packIds());
    }

    @Bean
    public InfoContributor knowledgeInfo(EvidenceFacade facade, org.evidencecds.screening.Screener screener) {
        return builder -> builder.withDetail("knowledgeVersion", facade.knowledge().version())
                .withDetail("packs", facade.knowledge().packs().stream()
                        .map(p -> p.id() + "@" + p.info().version() + " " + p.contentHash()).toList())
                .withDetail("trials", screener.protocols().stream().map(p -> screener.trial(p.id()).orElseThrow().rulesVersion()).toList());
    }
}
