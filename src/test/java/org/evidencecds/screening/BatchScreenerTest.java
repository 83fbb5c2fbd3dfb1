package org.evidencecds.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.evidencecds.evidence.PackValidationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch path: one output row per input row, malformed rows reported in place, attrition counted. */
class BatchScreenerTest {

    static Screener screener;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        screener = Screener.load(Path.of("evidence"), Path.of("rules"), Set.of("dfu-cell-therapy"));
    }

    @Test
    void everyRowGetsOneResultAndBadRowsAnErrorWhileTheRunGoesOn() throws IOException {
        Path in = dir.resolve("registry.csv");
        Files.writeString(in, "\uFEFFid,ageYears,diabetesType,ulcerDurationDays,ulcerAreaCm2,wagnerGrade,abi,tcpo2MmHg,hba1cPercent\n"
                + "A,60,type-2,90,4,1,0.9,40,8\n"                  // line 2: eligible
                + "B,60,type-2,90,20,1,0.9,40,8\n"                 // line 3: ulcer area rules out
                + "C,60,type-2,30,20,1,0.9,40,13\n"                // line 4: duration (first), area, hba1c rule out
                + "D,60,type-2,90,4,,,,\n"                         // line 5: needs wagner, circulation inputs, hba1c
                + "E,sixty,type-2,90,4,1,0.9,40,8\n"               // line 6: not a number
                + "F,60,type-2,90,4,1,0.9,40\n"                    // line 7: a field short
                + "\"G,60,type-2,90,4,1,0.9,40,8\n"                // line 8: unterminated quote
                + "\n"                                             // line 9: blank, skipped
                + "\"H, the second\",60,type-2,90,-4,1,0.9,40,8\n" // line 10: impossible area; quoted id with a comma
                + "I,17,other,90,4,2,0.9,40,8\n");                  // line 11: age, type and wagner rule out
        Path out = dir.resolve("results.csv");
        List<long[]> progress = new ArrayList<>();
        BatchScreener.Summary s = BatchScreener.run(screener, "NCT06003530", in, out,
                (rows, read, total, done) -> progress.add(new long[] {rows, read, total, done ? 1 : 0}));

        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("line,id,verdict,ruled_out_by,collect,inclusion:age,inclusion:diabetes-type,inclusion:ulcer-duration,"
                + "inclusion:ulcer-area,inclusion:wagner-grade,inclusion:circulation,exclusion:hba1c,error");
        assertThat(lines).hasSize(1 + 9);
        assertThat(lines.get(1)).isEqualTo("2,A,eligible,,,met,met,met,met,met,met,not-met,");
        assertThat(lines.get(2)).isEqualTo("3,B,not-eligible,ulcer-area,,met,met,met,not-met,met,met,not-met,");
        assertThat(lines.get(3)).isEqualTo("4,C,not-eligible,ulcer-duration;ulcer-area;hba1c,,met,met,not-met,not-met,met,met,met,");
        assertThat(lines.get(4)).isEqualTo("5,D,needs-information,,wagnerGrade;abi;tcpo2MmHg;hba1cPercent,met,met,met,met,unknown,unknown,unknown,");
        assertThat(lines.get(5)).isEqualTo("6,E,error,,,,,,,,,,\"line 6: ageYears: not a number: \"\"sixty\"\"\"");
        assertThat(lines.get(6)).isEqualTo("7,F,error,,,,,,,,,,\"line 7: expected 9 fields as in the header, found 8\"");
        assertThat(lines.get(7)).isEqualTo("8,,error,,,,,,,,,,line 8: unterminated quote");
        assertThat(lines.get(8)).isEqualTo("10,\"H, the second\",error,,,,,,,,,,\"line 10: ulcerAreaCm2: must be between 0 and 1000 cm², got -4\"");
        assertThat(lines.get(9)).isEqualTo("11,I,not-eligible,age;diabetes-type;wagner-grade,,not-met,not-met,met,met,not-met,met,not-met,");

        assertThat(s.rows()).isEqualTo(9);
        assertThat(s.eligible()).isEqualTo(1);
        assertThat(s.notEligible()).isEqualTo(3);
        assertThat(s.needsInformation()).isEqualTo(1);
        assertThat(s.errors()).isEqualTo(4);
        // attrition over the 5 screened rows (A, B, C, D, I), criteria in protocol order
        assertThat(s.attrition()).extracting(BatchScreener.Attrition::criterion, BatchScreener.Attrition::excludedByIt,
                        BatchScreener.Attrition::unknown, BatchScreener.Attrition::remainingAfter)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("age", 1L, 0L, 4L),
                        org.assertj.core.groups.Tuple.tuple("diabetes-type", 1L, 0L, 4L),
                        org.assertj.core.groups.Tuple.tuple("ulcer-duration", 1L, 0L, 3L),
                        org.assertj.core.groups.Tuple.tuple("ulcer-area", 2L, 0L, 2L),
                        org.assertj.core.groups.Tuple.tuple("wagner-grade", 1L, 1L, 2L),
                        org.assertj.core.groups.Tuple.tuple("circulation", 0L, 1L, 2L),
                        org.assertj.core.groups.Tuple.tuple("hba1c", 1L, 1L, 2L));
        assertThat(progress).isNotEmpty();
        long[] last = progress.get(progress.size() - 1);
        assertThat(last[3]).isEqualTo(1);
        assertThat(last[1]).isEqualTo(last[2]).isEqualTo(Files.size(in));
    }

    @Test
    void workersWriteTheSameFileInInputOrderAsOneThread() throws IOException {
        Path in = dir.resolve("generated.csv");
        org.evidencecds.bench.RegistryGenerator.write(in, 10_000, 7L);
        Path one = dir.resolve("one.csv");
        Path four = dir.resolve("four.csv");
        BatchScreener.Summary s1 = BatchScreener.run(Screener.load(Path.of("evidence"), Path.of("rules"), Set.of("dfu-cell-therapy")),
                "NCT04569409", in, one, null, 1);
        BatchScreener.Summary s4 = BatchScreener.run(screener, "NCT04569409", in, four, null, 4);
        assertThat(Files.readAllBytes(four)).isEqualTo(Files.readAllBytes(one));
        assertThat(s4.rows()).isEqualTo(s1.rows()).isEqualTo(10_000);
        assertThat(s4.errors()).isEqualTo(s1.errors()).isEqualTo(10); // the generator malforms one row in a thousand
        assertThat(s4.attrition()).isEqualTo(s1.attrition());
        assertThat(s1.eligible() + s1.notEligible() + s1.needsInformation() + s1.errors()).isEqualTo(s1.rows());
        List<String> lines = Files.readAllLines(one);
        assertThat(lines).hasSize(10_001);
        for (int i = 1; i < lines.size(); i++) {
            // line number and id in input order (a row whose quote is not closed has no readable id)
            assertThat(lines.get(i)).matches((i + 1) + ",(P" + i + ",.*|,error,.*unterminated quote)");
        }
    }

    @Test
    void anUnknownColumnRefusesTheFileBeforeAnyRowWithItsPlace() throws IOException {
        Path in = dir.resolve("registry.csv");
        Files.writeString(in, "id,ageYears,weightKg\nA,60,80\n");
        assertThatThrownBy(() -> BatchScreener.run(screener, "NCT06003530", in, dir.resolve("out.csv"), null))
                .isInstanceOfSatisfying(PackValidationException.class, e -> assertThat(e.problems().get(0).toString())
                        .startsWith(in + ":1:13: weightKg: unknown column (known: id, ulcerAreaCm2,"));
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path in = dir.resolve("empty.csv");
        Files.writeString(in, "");
        assertThatThrownBy(() -> BatchScreener.run(screener, "NCT06003530", in, dir.resolve("out.csv"), null))
                .isInstanceOfSatisfying(PackValidationException.class, e -> assertThat(e.problems().get(0).toString())
                        .isEqualTo(in + ":1:1: header: the file is empty: a header row of profile field names is required"));
    }
}
