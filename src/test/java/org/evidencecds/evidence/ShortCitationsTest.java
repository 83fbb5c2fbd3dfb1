package org.evidencecds.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Short citations come from the author list and the year, never from a title. */
class ShortCitationsTest {

    @Test
    void authorListsGiveSurnameInitialsAndEtAl() {
        assertThat(ShortCitations.author("Zhang X, Liu G, You Y. Bone marrow-derived ... Front Endocrinol. 2026.")).isEqualTo("Zhang X et al.");
        assertThat(ShortCitations.author("Kashbour M et al. Diabetol Metab Syndr. 2025;17:189")).isEqualTo("Kashbour M et al.");
        assertThat(ShortCitations.author("Zhang HC (张皓承) et al. J Lanzhou Univ (Med Sci). 2025")).isEqualTo("Zhang HC et al.");
        assertThat(ShortCitations.author("Huang et al. Autologous transplantation of granulocyte colony")).isEqualTo("Huang et al.");
        assertThat(ShortCitations.author("Ventoruzzo, Tacconi, ... Scatena, Bolognese. Autologous Peripheral Blood")).isEqualTo("Ventoruzzo et al.");
        assertThat(ShortCitations.author("Smith J. A single-author paper. BMJ. 2020.")).isEqualTo("Smith J");
    }

    @Test
    void titlesAndDescriptionsAreNeverTakenForAuthors() {
        assertThat(ShortCitations.author("RCT-only meta-analysis of MSC therapy in diabetes, PMC7951834 (2021; 7 RCTs)")).isNull();
        assertThat(ShortCitations.author("Review, J Diabetes Res 2017, article 9328347, Table 1 (hindawi).")).isNull();
        assertThat(ShortCitations.author("Review table on omicsonline.org, article 2157-7633-4-234, Table 2.")).isNull();
        assertThat(ShortCitations.author("First Affiliated Hospital of Henan University of Science and Technology.")).isNull();
    }

    @Test
    void everySourceOfTheBundledPacksHasAShortCitationWithoutATitle() {
        Map<String, String> shortCitations = new TreeMap<>();
        for (EvidencePack pack : PackLoader.loadAll(Path.of("evidence"))) {
            pack.sources().forEach(s -> shortCitations.put(pack.id() + "/" + s.key(), s.shortCitation()));
        }
        assertThat(shortCitations).containsEntry("dfu-cell-therapy/zhang2026", "Zhang X et al. 2026")
                .containsEntry("t2dm-msc/kashbour2025", "Kashbour M et al. 2025")
                .containsEntry("t2dm-msc/pmc7951834", "PMC7951834 2021")
                .containsEntry("t2dm-msc/habiba2024", "Habiba UE et al. 2024")
                .containsEntry("t2dm-msc/zhanghc2025", "Zhang HC et al. 2025")
                .containsEntry("t2dm-msc/aringazina2025", "Aringazina RA et al. 2025");
        assertThat(shortCitations.values()).noneMatch(s -> s.contains("meta-analysis of") || s.length() > 64);
    }
}
