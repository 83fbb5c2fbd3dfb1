package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.evidencecds.knowledge.EvidenceDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgePreloadTest {

    private static final Path EVIDENCE = Path.of("evidence");
    private static final Path RULES = Path.of("rules");

    @Test
    void theBuildStartedByTheCheckIsTakenOnceForTheSameFolders() {
        EvidenceDirectory.Checked checked = EvidenceDirectory.check(EVIDENCE, RULES);
        assertThat(checked.problems()).isEmpty();
        KnowledgePreload.start(checked);
        // other folders: not this build; the caller loads them itself (and the build is dropped)
        assertThat(KnowledgePreload.take(Path.of("elsewhere"), RULES)).isEmpty();
        KnowledgePreload.start(checked);
        EvidenceDirectory.Loaded preloaded = KnowledgePreload.take(EVIDENCE, RULES).orElseThrow();
        assertThat(preloaded.knowledge().version()).isEqualTo(EvidenceDirectory.load(EVIDENCE, RULES).knowledge().version());
        assertThat(preloaded.screener().protocols()).hasSize(checked.protocols().size());
        // taken once: a reload reads the folders afresh
        assertThat(KnowledgePreload.take(EVIDENCE, RULES)).isEmpty();
    }

    @Test
    void aBuildThatFailsFailsTheTakerAsTheLoadWouldHave(@TempDir Path rules) throws Exception {
        // the check passes (the generated rules match), but a hand-written rule does not compile
        EvidenceDirectory.Checked good = EvidenceDirectory.check(EVIDENCE, RULES);
        org.evidencecds.TestFiles.copyTree(RULES, rules);
        Files.writeString(rules.resolve("hand-written/assembly.drl"), "package broken;\nrule \"x\" when Nonsense( then end\n");
        EvidenceDirectory.Checked checked = new EvidenceDirectory.Checked(EVIDENCE, rules, good.packs(), good.compiled(),
                good.protocols(), good.trials(), good.problems());
        KnowledgePreload.start(checked);
        assertThatThrownBy(() -> KnowledgePreload.take(EVIDENCE, rules)).isInstanceOf(EvidenceDirectory.Refused.class);
    }
}
