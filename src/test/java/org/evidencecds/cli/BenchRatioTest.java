package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ratio lines of {@code bench} (one run's figures, quotable as they stand), without running JMH. */
class BenchRatioTest {

    @Test
    void ratiosOfOneRunWithTheFiguresTheyComeFrom() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("baseline", 120_000.0);
        scores.put("cachedFacade", 1_200_000.0);
        scores.put("cachedReport", 8_000.0);
        scores.put("uncached", 8_000.0);
        assertThat(BenchCommand.ratioLines(scores, 1)).containsExactly(
                "ratio, 1 thread: cached facade / baseline = 10.00 (1,200,000 / 120,000 evaluations/s)",
                "ratio, 1 thread: uncached / baseline = 0.067 (8,000 / 120,000 evaluations/s; the baseline is 15.0x faster, goal: at most 3x)");
        assertThat(BenchCommand.ratioLines(scores, 2)).allMatch(l -> l.startsWith("ratio, 2 threads: "));
    }

    @Test
    void noRatioWithoutTheBaseline() {
        assertThat(BenchCommand.ratioLines(Map.of("uncached", 8_000.0), 1)).isEmpty();
    }

    @Test
    void badTimingOptionsExitWith2() {
        assertThat(CliRunner.run("bench", "--only", "evaluation", "--seconds", "0").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("bench", "--only", "evaluation", "--threads", "0").exitCode()).isEqualTo(2);
    }
}
