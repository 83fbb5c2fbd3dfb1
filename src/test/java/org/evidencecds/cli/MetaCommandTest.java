package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetaCommandTest {

    private static final String BCG = "src/test/resources/metafor/data/a1_bcg.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode expected(String file) throws Exception {
        return JSON.readTree(Path.of("src/test/resources/metafor/expected", file).toFile());
    }

    private static void near(JsonNode actual, JsonNode expected) {
        assertThat(actual.asDouble()).isCloseTo(expected.asDouble(), within(Math.abs(expected.asDouble()) * 1e-6 + 1e-10));
    }

    @Test
    void remlFitOfBcgMatchesMetafor() throws Exception {
        CliRunner run = CliRunner.run("meta", "--input", BCG, "--measure", "OR", "--method", "REML");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        JsonNode e = expected("a1_bcg_or.json").get("results").get("REML");
        assertThat(out.get("k").asInt()).isEqualTo(13);
        near(out.get("estimate"), e.get("estimate"));
        near(out.get("se"), e.get("se"));
        near(out.get("ciLow"), e.get("ci_lb"));
        near(out.get("ciHigh"), e.get("ci_ub"));
        near(out.get("pValue"), e.get("pval"));
        near(out.get("i2"), e.get("I2"));
        near(out.get("q"), e.get("Q"));
        near(out.get("piLow"), e.get("pi_lb"));
        near(out.get("ratio"), e.get("ratio"));
        near(out.get("ratioCiHigh"), e.get("ratio_ci_ub"));
        assertThat(out.get("tau2").asDouble()).isCloseTo(e.get("tau2").asDouble(), within(1e-8));
        assertThat(out.get("weights")).hasSize(13);
        near(out.get("weights").get(7), e.get("weights_pct").get(7));
    }

    @Test
    void subgroupsLeaveOneOutAndEggerAreAddedWhenAsked() throws Exception {
        CliRunner run = CliRunner.run("meta", "--input", BCG, "--measure", "OR", "--method", "DL",
                "--subgroup", "alloc", "--leave-one-out", "--egger");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        JsonNode sub = expected("c2_bcg_subgroups.json").get("results").get("DL");
        assertThat(out.get("subgroups")).hasSize(3);
        assertThat(out.get("subgroups").get(1).get("level").asText()).isEqualTo("random");
        near(out.get("subgroups").get(1).get("estimate"), sub.get("levels").get(1).get("estimate"));
        near(out.get("subgroupTest").get("qBetween"), sub.get("mixed_effects").get("QM"));
        near(out.get("subgroupTest").get("pValue"), sub.get("mixed_effects").get("QM_pval"));
        assertThat(out.get("subgroupTest").get("method").asText()).isEqualTo("mixed-effects-QM");
        near(out.get("subgroupTestSeparateTau2").get("qBetween"), sub.get("separate_tau2").get("Q_between"));
        JsonNode loo = expected("c3_bcg_leave1out.json").get("results").get("DL");
        assertThat(out.get("leaveOneOut")).hasSize(13);
        assertThat(out.get("leaveOneOut").get(3).get("study").asText()).isEqualTo("Hart & Sutherland 1977");
        near(out.get("leaveOneOut").get(3).get("estimate"), loo.get(3).get("estimate"));
        near(out.get("leaveOneOut").get(3).get("i2"), loo.get(3).get("I2"));
        JsonNode egger = expected("c4_egger.json").get("bcg_or");
        near(out.get("egger").get("intercept"), egger.get("lm").get("coef_sei"));
        near(out.get("egger").get("pValue"), egger.get("lm").get("pval"));
        near(out.get("eggerRma").get("pValue"), egger.get("rma_DL").get("pval"));
    }

    @Test
    void continuousDataWithHksj() throws Exception {
        CliRunner run = CliRunner.run("meta", "--input", "src/test/resources/metafor/data/b_continuous.csv",
                "--measure", "MD", "--method", "DL", "--hksj");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        JsonNode e = expected("b_continuous_md.json").get("results").get("DL_KNHA");
        near(out.get("estimate"), e.get("estimate"));
        near(out.get("ciLow"), e.get("ci_lb"));
        near(out.get("stat"), e.get("stat"));
        assertThat(out.get("statName").asText()).isEqualTo("t");
        assertThat(out.has("ratio")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "events above total | study,event_t,n_t,event_c,n_c\\nA,3,10,2,10\\nB,12,5,3,10 | OR | :3: event_t: must be between 0 and n_t (5), found 12",
            "unparseable number | study,event_t,n_t,event_c,n_c\\nA,3,10,2,10\\nB,x1,5,3,10 | OR | :3: event_t: not a whole number: \"x1\"",
            "missing column     | study,event_t,n_t,n_c\\nA,3,10,10 | OR | :1: header: missing required column event_c (found: study, event_t, n_t, n_c)",
            "zero SD            | study,mean_t,sd_t,n_t,mean_c,sd_c,n_c\\nA,1,1,10,2,1,10\\nB,1,0,10,2,1,10 | MD | :3: sd_t: must be > 0, found 0.0",
            "missing value      | study,mean_t,sd_t,n_t,mean_c,sd_c,n_c\\nA,1,1,10,,1,10 | SMD | :2: mean_c: value is missing",
    })
    void badInputIsOneLineNamingFileLineAndFieldWithExitCode2(String name, String csv, String measure, String message,
                                                               @TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, csv.replace("\\n", "\n"));
        CliRunner run = CliRunner.run("meta", "--input", file.toString(), "--measure", measure, "--method", "DL");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: " + file + message);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badUsageExitsWith2() {
        assertThat(CliRunner.run("meta", "--input", BCG, "--measure", "MD", "--method", "MH").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("meta", "--input", BCG, "--measure", "OR", "--method", "FE", "--hksj").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("meta", "--measure", "OR").exitCode()).isEqualTo(2);
        CliRunner missing = CliRunner.run("meta", "--input", "no/such.csv", "--measure", "OR", "--method", "DL");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no/such.csv: file not found");
        assertThat(CliRunner.run("meta", "--help").exitCode()).isZero();
    }
}
