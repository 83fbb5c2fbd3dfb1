package org.evidencecds.web;

import java.nio.file.Path;
import org.evidencecds.audit.KnowledgeArchive;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.knowledge.EvidenceDirectory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Function;
import org.evidencecds.cache.CacheLimits;
import org.evidencecds.cache.CacheStats;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Wires the domain core at the edge: the evidence, the trial protocols and their rules are loaded and
 * compiled at start-up (a pack that does not validate, or rules out of date with the evidence, stop the
 * application: see {@link StartupCheck}), and again on {@code POST /admin/knowledge/reload}.
 */
@Configuration
public class KnowledgeConfiguration {

    /**
     * The caches' bounds come from {@code cache.answers.*} and {@code cache.screening.*}; the defaults keep the
     * heap small (see {@link CacheLimits}). A reload keeps them: the facade keeps its own, a new screener takes
     * the running one's.
     */
    @Bean
    public LiveKnowledge liveKnowledge(KnowledgeArchive archive, @Value("${evidence.dir:evidence}") String evidenceDir,
                                       @Value("${rules.dir:rules}") String rulesDir,
                                       @Value("${cache.answers.max-entries:" + DEFAULT_ANSWER_ENTRIES + "}") long answerEntries,
                                       @Value("${cache.answers.max-bytes:" + DEFAULT_ANSWER_BYTES + "}") DataSize answerBytes,
                                       @Value("${cache.screening.max-entries:" + DEFAULT_SCREENING_ENTRIES + "}") long screeningEntries,
                                       @Value("${cache.screening.max-bytes:" + DEFAULT_SCREENING_BYTES + "}") DataSize screeningBytes) {
        EvidenceDirectory.Loaded loaded = KnowledgePreload.take(Path.of(evidenceDir), Path.of(rulesDir))
                .orElseGet(() -> EvidenceDirectory.load(Path.of(evidenceDir), Path.of(rulesDir)));
        CacheLimits answers = new CacheLimits(answerEntries, answerBytes.toBytes());
        CacheLimits screening = new CacheLimits(screeningEntries, screeningBytes.toBytes());
        return new LiveKnowledge(new EvidenceFacade(loaded.knowledge(), answers), loaded.screener().withCacheLimits(screening), archive,
                Path.of(evidenceDir), Path.of(rulesDir));
    }

    // the same defaults as CacheLimits.ANSWERS and CacheLimits.SCREENING (a test checks they agree)
    static final String DEFAULT_ANSWER_ENTRIES = "100000";
    static final String DEFAULT_ANSWER_BYTES = "64MB";
    static final String DEFAULT_SCREENING_ENTRIES = "1000000";
    static final String DEFAULT_SCREENING_BYTES = "16MB";

    /**
     * Hit rate and size of both caches in {@code /actuator/metrics}. The metrics read the caches through the
     * facade and the live screener each time, because a knowledge swap or reload replaces the cache objects
     * (a metric bound to one cache would go on reporting the old one).
     */
    @Bean
    public MeterBinder cacheMetrics(LiveKnowledge live) {
        return registry -> {
            bind(registry, "evidence.answers", live, l -> l.facade().cacheStats(), l -> l.facade().cacheLimits());
            bind(registry, "screening.decisions", live, l -> l.screener().cacheStats(), l -> l.screener().cacheLimits());
        };
    }

    /** Meters hold their object weakly: the bean {@code live} lives as long as the application, a lambda would not. */
    private static void bind(MeterRegistry registry, String name, LiveKnowledge live, Function<LiveKnowledge, CacheStats> stats,
                             Function<LiveKnowledge, CacheLimits> limits) {
        FunctionCounter.builder(name + ".hits", live, l -> stats.apply(l).hits()).description("lookups answered from the cache").register(registry);
        FunctionCounter.builder(name + ".misses", live, l -> stats.apply(l).misses()).description("lookups that ran the rules").register(registry);
        FunctionCounter.builder(name + ".evictions", live, l -> stats.apply(l).evictions()).description("entries evicted by the bounds")
                .register(registry);
        Gauge.builder(name + ".size", live, l -> stats.apply(l).estimatedSize()).description("entries held").register(registry);
        Gauge.builder(name + ".weight", live, l -> stats.apply(l).weight()).description("estimated heap held").baseUnit("bytes")
                .register(registry);
        Gauge.builder(name + ".hit.ratio", live, l -> stats.apply(l).hitRate()).description("hits over lookups since start").register(registry);
        Gauge.builder(name + ".max.weight", live, l -> limits.apply(l).maxBytes()).description("the byte bound").baseUnit("bytes")
                .register(registry);
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
