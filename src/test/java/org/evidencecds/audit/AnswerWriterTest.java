package org.evidencecds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.findings.AnswerView;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.KnowledgeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The answer's bytes with shared parts written once ({@link SharedParts}) are the bytes Jackson writes without
 * them, in both views, on first and later use, for answers from the cache and for reports built afresh.
 */
class AnswerWriterTest {

    private static EvidenceFacade facade;

    @BeforeAll
    static void build() {
        facade = new EvidenceFacade(KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")));
    }

    private static List<EvidenceReport> answers() {
        List<Map<String, Object>> profiles = List.of(
                Map.of("ulcerAreaCm2", 12, "diabetesDurationYears", 6, "ulcerDurationDays", 250),
                // the same class of profile with other inputs: the same shared parts, other inputs written
                Map.of("ulcerAreaCm2", 14.5, "diabetesDurationYears", 7, "ulcerDurationDays", 260),
                Map.of("ulcerAreaCm2", 3),
                Map.of(),
                Map.of("hba1cPercent", 8.1, "diabetesType", "type-2"));
        List<EvidenceReport> out = new java.util.ArrayList<>();
        for (Map<String, Object> p : profiles) {
            out.add(facade.evaluate(PatientProfile.of(new LinkedHashMap<>(p))));
            out.add(facade.evaluate(PatientProfile.of(new LinkedHashMap<>(p)), Set.of("dfu-cell-therapy")));
        }
        return out;
    }

    private static ObjectWriter plain(ObjectMapper json, AnswerView view) {
        if (view == AnswerView.FULL) {
            return json.writer();
        }
        ObjectMapper m = json.copy();
        m.configure(MapperFeature.DEFAULT_VIEW_INCLUSION, true);
        return m.writerWithView(AnswerView.Compact.class);
    }

    private static void assertSameBytes(ObjectMapper json) throws Exception {
        AnswerWriter writer = new AnswerWriter(json);
        for (int round = 0; round < 3; round++) {
            for (EvidenceReport answer : answers()) {
                for (AnswerView view : AnswerView.values()) {
                    byte[] expected = plain(json, view).writeValueAsBytes(answer);
                    AnswerWriter.Sent sent = writer.write(answer, view);
                    assertThat(new String(sent.body(), StandardCharsets.UTF_8))
                            .as("round %d, view %s", round, view).isEqualTo(new String(expected, StandardCharsets.UTF_8));
                    assertThat(sent.digest()).isEqualTo(AuditLog.digest(expected));
                }
            }
        }
    }

    /** Written half-way, then failing: a property after a long one cannot be read. */
    public static final class FailsHalfWay {
        public String getA() {
            return "x".repeat(100_000);
        }

        public String getB() {
            throw new IllegalStateException("cannot be read");
        }
    }

    /** Each thread reuses one buffer: what a failed answer wrote into it never reaches the next answer. */
    @Test
    void anAnswerThatFailsHalfWayLeavesNothingForTheNext() {
        AnswerWriter writer = new AnswerWriter(new ObjectMapper());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.write(new FailsHalfWay(), AnswerView.FULL))
                .isInstanceOf(IllegalStateException.class).hasMessage("cannot serialise the answer");
        AnswerWriter.Sent next = writer.write(Map.of("k", "v"), AnswerView.FULL);
        assertThat(new String(next.body(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"v\"}");
        assertThat(next.digest()).isEqualTo(AuditLog.digest("{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bytesAreWhatJacksonWritesInBothViewsFirstAndAfter() throws Exception {
        assertSameBytes(new ObjectMapper());
    }

    @Test
    void theMappersWriteSettingsApplyToSharedPartsToo() throws Exception {
        // the answers carry non-ASCII text (cm², en dashes): a mapper that escapes it must escape it everywhere
        ObjectMapper escaping = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
        assertSameBytes(escaping);
        String body = new String(new AnswerWriter(escaping).write(answers().get(0), AnswerView.COMPACT).body(), StandardCharsets.US_ASCII);
        assertThat(body).contains("\\u00B2").doesNotContain("²");
    }

    @Test
    void answersFromOneCachedAnswerShareTheirPartsAndTheyAreKept() throws Exception {
        EvidenceReport first = facade.evaluate(PatientProfile.of(new LinkedHashMap<>(Map.of("ulcerAreaCm2", 12))));
        EvidenceReport second = facade.evaluate(PatientProfile.of(new LinkedHashMap<>(Map.of("ulcerAreaCm2", 13))));
        // the premise of SharedParts: the same objects, not equal copies
        assertThat(second.packs().get(0).protocols()).isSameAs(first.packs().get(0).protocols());
        assertThat(second.packs().get(0).caveats()).isSameAs(first.packs().get(0).caveats());

        ObjectMapper json = new ObjectMapper();
        SharedParts parts = new SharedParts(json.getFactory(), 1 << 20);
        json.registerModule(parts);
        json.writer().writeValueAsBytes(first);
        long kept = parts.keptParts();
        assertThat(kept).isPositive();
        json.writer().writeValueAsBytes(second);
        assertThat(parts.keptParts()).isEqualTo(kept);
    }

    @Test
    void aSmallBoundKeepsFewPartsAndTheBytesStayTheSame() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SharedParts parts = new SharedParts(json.getFactory(), 1);
        ObjectMapper bounded = json.copy().registerModule(parts);
        for (EvidenceReport answer : answers()) {
            assertThat(bounded.writeValueAsString(answer)).isEqualTo(json.writeValueAsString(answer));
        }
        assertThat(parts.keptParts()).isLessThanOrEqualTo(1);
    }
}
