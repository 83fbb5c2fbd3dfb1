package org.evidencecds.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.evidencecds.bench.ProfileGenerator;
import org.evidencecds.bench.ReferenceEvaluator;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.RuleFiles;
import org.junit.jupiter.api.Test;

/**
 * The rules and an independent plain-Java evaluator make the same decisions on thousands of generated
 * profiles (band boundaries, just either side of them, missing fields, fields without evidence).
 */
class EquivalenceTest {

    @Test
    void droolsAndTheReferenceEvaluatorAgreeOnEveryGeneratedProfile() {
        List<EvidencePack> packs = List.of(PackLoader.load(Path.of("evidence/dfu-cell-therapy")),
                PackLoader.load(Path.of("evidence/t2dm-msc")),
                PackLoader.load(Path.of("src/test/resources/packs/third/synthetic-third")),
                PackLoader.load(Path.of("src/test/resources/packs/valid/mini-pack")),
                PackLoader.load(Path.of("src/test/resources/packs/valid/credible-subgroup")));
        Knowledge k = Knowledge.build(packs, RuleFiles.handWritten(Path.of("rules")));
        EvidenceFacade facade = new EvidenceFacade(k);
        ReferenceEvaluator oracle = new ReferenceEvaluator(packs);
        List<PatientProfile> profiles = new ProfileGenerator(packs, 20261124L).generate(5000);
        int withLevels = 0;
        for (PatientProfile profile : profiles) {
            ReferenceEvaluator.Decisions expected = oracle.evaluate(profile);
            ReferenceEvaluator.Decisions actual = ReferenceEvaluator.fromRules(facade.run(profile));
            assertThat(actual).as(profile.toString()).isEqualTo(expected);
            // the facade's reuse of an equivalent profile's answer decides the same
            assertThat(ReferenceEvaluator.fromRules(facade.decide(profile))).as("reused " + profile).isEqualTo(expected);
            if (expected.dimensionStatus().containsValue("in-level:ge-10-cm2")) {
                withLevels++;
            }
        }
        assertThat(withLevels).as("the generator reaches the levels").isGreaterThan(500);
        // reports reused for a chosen set of packs equal reports built afresh for the same profile
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (PatientProfile profile : profiles.subList(0, 400)) {
            for (java.util.Set<String> chosen : List.of(java.util.Set.of("t2dm-msc"), java.util.Set.of("dfu-cell-therapy", "synthetic-third"))) {
                EvidenceReport reused = facade.evaluate(profile, chosen);
                EvidenceReport fresh = ReportBuilder.build(k, profile, EvidenceFacade.run(k, profile, chosen), chosen)
                        .withOutsidePopulation(reused.outsidePopulation());
                try {
                    assertThat(json.writeValueAsString(reused)).as(profile + " " + chosen).isEqualTo(json.writeValueAsString(fresh));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(profiles.stream().map(p -> oracle.evaluate(p).headlines().get("credible-subgroup/healing")).distinct())
                .as("both the credible subgroup and the overall estimate are headlines for some profiles")
                .contains("credible-subgroup/healing/ulcer-area/ge-10-cm2", "credible-subgroup/healing/overall/heal-all");
    }
}
