package org.evidencecds.facade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evidencecds.bench.ProfileGenerator;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Evaluation;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.KnowledgeLoader;
import org.evidencecds.rules.RuleBases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.rule.Rule;

/**
 * The bundled knowledge loaded from the executable model the build precompiled and the same DRL compiled by the
 * classic engine are the same knowledge: the same rules with the same metadata (which reports, provenance and the
 * pack API read), the same rules fired with the same metadata, and byte-identical reports, on generated and
 * hand-picked profiles.
 */
class PrecompiledRulesEquivalenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static KnowledgeLoader.Prepared prepared;
    private static Knowledge model;
    private static Knowledge drl;

    @BeforeAll
    static void bothWays() {
        prepared = KnowledgeLoader.prepare(Path.of("evidence"), Path.of("rules"));
        model = prepared.build();
        drl = Knowledge.build(prepared.packs(), prepared.compiled(), prepared.handWritten(), RuleBases::compile);
        assertThat(model.rulesBuilt()).isEqualTo(RuleBases.How.PRECOMPILED);
        assertThat(drl.rulesBuilt()).isEqualTo(RuleBases.How.COMPILED);
        assertThat(model.version()).isEqualTo(drl.version());
    }

    @Test
    void theSameRulesWithTheSameMetadata() {
        assertThat(model.rules()).extracting(Rule::getName).hasSize(92).isEqualTo(drl.rules().stream().map(Rule::getName).toList());
        for (Rule r : model.rules()) {
            Rule other = drl.rule(r.getName()).orElseThrow();
            assertThat(r.getPackageName()).as(r.getName()).isEqualTo(other.getPackageName());
            assertThat(r.getMetaData()).as(r.getName()).isEqualTo(other.getMetaData());
            // the values the application reads keep their type too (strings, quotes removed)
            r.getMetaData().forEach((k, v) -> assertThat(v).as(r.getName() + " @" + k).isInstanceOf(String.class)
                    .isEqualTo(other.getMetaData().get(k)));
        }
        Rule level = model.rule("dfu-cell-therapy/level/diabetes-duration/ge-10-years").orElseThrow();
        assertThat(level.getMetaData()).containsEntry(org.evidencecds.rules.RuleCompiler.LABEL, "≥ 10 years").containsEntry("interval", "[10, ∞)").containsEntry("basis", "project");
        Rule finding = model.rule("dfu-cell-therapy/ulcer-healing/overall").orElseThrow();
        assertThat(finding.getMetaData()).containsEntry("estimate", "4.64").containsEntry("locator", "Abstract, Results");
    }

    @Test
    void theSameRulesFireAndTheReportsAreTheSame() throws JsonProcessingException {
        List<PatientProfile> profiles = new ArrayList<>(new ProfileGenerator(prepared.packs(), 20261129L).generate(600));
        profiles.add(PatientProfile.of(Map.of()));
        profiles.add(PatientProfile.of(Map.of("ulcerAreaCm2", 12.0)));
        profiles.add(PatientProfile.of(Map.of("ulcerAreaCm2", 12.0, "diabetesDurationYears", 6.0, "ulcerDurationDays", 250.0)));
        profiles.add(PatientProfile.of(Map.of("diabetesType", "type-2", "hba1cPercent", 8.5, "insulinDoseUnitsPerDay", 40.0, "footUlcer", "yes")));
        EvidenceFacade modelFacade = new EvidenceFacade(model);
        EvidenceFacade drlFacade = new EvidenceFacade(drl);
        int fired = 0;
        for (PatientProfile profile : profiles) {
            Evaluation a = EvidenceFacade.run(model, profile, null);
            Evaluation b = EvidenceFacade.run(drl, profile, null);
            // rule name and metadata of every firing; in order: the firing order is the same in both modes
            assertThat(a.firedRules()).as(profile.toString()).isEqualTo(b.firedRules());
            assertThat(a.headlines()).as(profile.toString()).isEqualTo(b.headlines());
            fired += a.firedRules().size();
            assertThat(JSON.writeValueAsString(modelFacade.evaluate(profile))).as(profile.toString())
                    .isEqualTo(JSON.writeValueAsString(drlFacade.evaluate(profile)));
            for (Set<String> chosen : List.of(Set.of("t2dm-msc"), Set.of("dfu-cell-therapy"))) {
                assertThat(JSON.writeValueAsString(modelFacade.evaluate(profile, chosen))).as(profile + " " + chosen)
                        .isEqualTo(JSON.writeValueAsString(drlFacade.evaluate(profile, chosen)));
            }
        }
        assertThat(fired).as("the profiles fire rules").isGreaterThan(profiles.size() * 10);
    }
}
