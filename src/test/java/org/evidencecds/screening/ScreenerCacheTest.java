package org.evidencecds.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.evidencecds.cache.CacheLimits;
import org.evidencecds.cache.CacheStats;
import org.evidencecds.profile.PatientProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The screening decisions cache stays within its bounds, counts what it does, and never changes a decision. */
class ScreenerCacheTest {

    static List<TrialProtocol> protocols;
    static List<CriteriaCompiler.CompiledTrial> compiled;
    static String verdictRules;

    @BeforeAll
    static void load() {
        protocols = ProtocolLoader.loadAll(Path.of("evidence"), Set.of("dfu-cell-therapy"));
        compiled = protocols.stream().map(CriteriaCompiler::compile).toList();
        verdictRules = TrialRules.handWritten(Path.of("rules"));
    }

    private static List<PatientProfile> candidates(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<PatientProfile> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            java.util.Map<String, Object> v = new java.util.HashMap<>();
            if (r.nextInt(5) > 0) {
                v.put("ulcerAreaCm2", (double) r.nextInt(1, 40));
            }
            if (r.nextInt(5) > 0) {
                v.put("ageYears", (double) r.nextInt(18, 95));
            }
            if (r.nextInt(5) > 0) {
                v.put("ulcerDurationDays", (double) r.nextInt(10, 400));
            }
            if (r.nextInt(5) > 0) {
                v.put("abi", 0.5 + r.nextInt(0, 100) / 100.0);
            }
            if (r.nextInt(5) > 0) {
                v.put("wagnerGrade", (double) r.nextInt(1, 5));
            }
            out.add(PatientProfile.of(v));
        }
        return out;
    }

    /** As for answers (see AnswerCacheTest): the estimate within 2x of the decision's JSON length. */
    @Test
    void theWeightIsWithinTwiceTheJsonLengthOfARealDecision() throws Exception {
        Screener screener = Screener.build(protocols, compiled, verdictRules);
        ObjectMapper json = new ObjectMapper();
        String trial = protocols.get(0).id();
        for (PatientProfile p : candidates(20, 3L)) {
            Screener.Decision d = screener.decideAfresh(trial, p);
            double ratio = (double) d.weight() / json.writeValueAsBytes(d).length;
            assertThat(ratio).as(d.toString()).isBetween(0.5, 2.0);
        }
    }

    @Test
    void aSmallByteBoundEvictsAndDecisionsStayTheSame() {
        long bound = 20_000L * protocols.size();
        Screener small = Screener.build(protocols, compiled, verdictRules, new CacheLimits(1_000_000, bound));
        String trial = protocols.get(0).id();
        for (PatientProfile p : candidates(3000, 5L)) {
            assertThat(small.decide(trial, p)).isEqualTo(small.decideAfresh(trial, p));
            assertThat(small.cacheStats().weight()).isLessThanOrEqualTo(bound);
        }
        CacheStats s = small.cacheStats();
        assertThat(s.evictions()).isPositive();
        assertThat(s.hits()).isPositive();
        assertThat(s.misses()).isPositive();
        assertThat(s.hits() + s.misses()).isEqualTo(3000);
        assertThat(small.trial(trial).orElseThrow().decisions().size()).isEqualTo((int) s.estimatedSize());
    }

    @Test
    void otherLimitsGiveEmptyCachesOnTheSameRuleBases() {
        Screener screener = Screener.build(protocols, compiled, verdictRules);
        String trial = protocols.get(0).id();
        candidates(50, 9L).forEach(p -> screener.decide(trial, p));
        assertThat(screener.cacheStats().estimatedSize()).isPositive();
        CacheLimits limits = new CacheLimits(10, 1 << 20);
        Screener other = screener.withCacheLimits(limits);
        assertThat(other.cacheLimits()).isEqualTo(limits);
        assertThat(other.cacheStats()).isEqualTo(CacheStats.EMPTY);
        assertThat(other.trial(trial).orElseThrow().base()).isSameAs(screener.trial(trial).orElseThrow().base());
        candidates(50, 9L).forEach(p -> other.decide(trial, p));
        assertThat(other.cacheStats().estimatedSize()).isLessThanOrEqualTo(10);
    }
}
