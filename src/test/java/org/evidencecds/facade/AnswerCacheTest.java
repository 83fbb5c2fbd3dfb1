package org.evidencecds.facade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evidencecds.bench.ProfileGenerator;
import org.evidencecds.cache.CacheLimits;
import org.evidencecds.cache.CacheStats;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Evaluation;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.RuleFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The answer cache stays within its bounds, counts what it does, starts empty on a swap, and never changes an answer. */
class AnswerCacheTest {

    static List<EvidencePack> packs;
    static Knowledge knowledge;

    @BeforeAll
    static void load() {
        packs = List.of(PackLoader.load(Path.of("evidence/dfu-cell-therapy")), PackLoader.load(Path.of("evidence/t2dm-msc")));
        knowledge = Knowledge.build(packs, RuleFiles.handWritten(Path.of("rules")));
    }

    /**
     * The estimate against a measured size. Without an instrumentation agent the heap an answer holds cannot be
     * measured in a unit test, so the reference is the length of its JSON: the same strings written once each,
     * which the issue found close to the heap held (57-62 KB of JSON for about 46 KB of heap per answer).
     * The estimate must be within 2x of it either way, for profiles with and without missing fields.
     */
    @Test
    void theWeightIsWithinTwiceTheJsonLengthOfARealAnswer() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        EvidenceFacade facade = new EvidenceFacade(knowledge);
        for (PatientProfile profile : new ProfileGenerator(packs, 7L).generate(20)) {
            Evaluation e = facade.run(profile);
            EvidenceReport report = ReportBuilder.build(knowledge, profile, e, null);
            long estimate = AnswerWeight.of(e, report);
            // the evaluation's lists as JSON too, its fired rules by name (their metadata maps are the rules' own)
            long measured = json.writeValueAsBytes(report).length + json.writeValueAsBytes(List.of(e.levels(), e.statuses(), e.caveats(),
                    e.headlines(), e.protocols(), e.harms(), e.firedRules().stream().map(Evaluation.Fired::rule).toList())).length;
            assertThat((double) estimate / measured).as("estimate %d for %d bytes of JSON", estimate, measured).isBetween(0.5, 2.0);
            assertThat(estimate).isGreaterThan(10_000); // a real answer is tens of kilobytes, not a constant
        }
    }

    @Test
    void aSmallByteBoundEvictsAndKeepsTheWeightUnderIt() {
        long bound = 300_000; // a handful of answers
        EvidenceFacade small = new EvidenceFacade(knowledge, new CacheLimits(1_000, bound));
        EvidenceFacade unbounded = new EvidenceFacade(knowledge, new CacheLimits(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2));
        for (PatientProfile profile : new ProfileGenerator(packs, 11L).generate(300)) {
            // an evicted answer is computed again, identically
            assertThat(small.evaluate(profile)).isEqualTo(unbounded.evaluate(profile));
            assertThat(small.cacheStats().weight()).isLessThanOrEqualTo(bound);
        }
        CacheStats s = small.cacheStats();
        assertThat(s.evictions()).isPositive();
        assertThat(s.estimatedSize()).isLessThan(unbounded.cacheStats().estimatedSize());
        assertThat(unbounded.cacheStats().evictions()).isZero();
    }

    @Test
    void theEntryBoundHoldsToo() {
        EvidenceFacade two = new EvidenceFacade(knowledge, new CacheLimits(2, 1L << 40));
        for (PatientProfile profile : new ProfileGenerator(packs, 13L).generate(50)) {
            two.decide(profile);
        }
        assertThat(two.cacheStats().estimatedSize()).isLessThanOrEqualTo(2);
        assertThat(two.cacheStats().evictions()).isPositive();
    }

    @Test
    void hitsAndMissesAreCountedAndASwapStartsEmpty() {
        EvidenceFacade facade = new EvidenceFacade(knowledge);
        PatientProfile profile = PatientProfile.of(Map.of("ulcerAreaCm2", 12.0, "diabetesDurationYears", 6.0));
        facade.evaluate(profile);
        facade.evaluate(profile);
        facade.evaluate(profile, java.util.Set.of("t2dm-msc")); // another scope, another entry
        CacheStats before = facade.cacheStats();
        assertThat(before.misses()).isEqualTo(2);
        assertThat(before.hits()).isEqualTo(1);
        assertThat(before.estimatedSize()).isEqualTo(2);
        assertThat(before.weight()).isPositive();

        facade.swap(knowledge);
        CacheStats after = facade.cacheStats();
        assertThat(after.estimatedSize()).isZero();
        assertThat(after.weight()).isZero();
        // counters keep growing across swaps, as metrics counters must
        assertThat(after.hits()).isEqualTo(1);
        assertThat(after.misses()).isEqualTo(2);
        facade.evaluate(profile);
        assertThat(facade.cacheStats().misses()).isEqualTo(3);
    }
}
