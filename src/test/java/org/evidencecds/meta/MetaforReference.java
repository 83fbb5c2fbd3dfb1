package org.evidencecds.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;

/** Reads the R metafor reference files under src/test/resources/metafor and compares numbers. */
final class MetaforReference {

    static final Path ROOT = Path.of("src/test/resources/metafor");
    static final double RELATIVE = 1e-6;
    static final double TAU2_ABSOLUTE = 1e-8;
    static final double NEAR_ZERO = 1e-10;

    private MetaforReference() {
    }

    static JsonNode expected(String name) throws IOException {
        return new ObjectMapper().readTree(ROOT.resolve("expected").resolve(name).toFile());
    }

    static List<Map<String, String>> rows(String dataset) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(Files.newBufferedReader(ROOT.resolve(dataset)))) {
            return it.readAll();
        }
    }

    static List<BinaryStudy> binary(String dataset) throws IOException {
        List<BinaryStudy> out = new ArrayList<>();
        for (Map<String, String> r : rows(dataset)) {
            out.add(new BinaryStudy(r.get("study"), Integer.parseInt(r.get("event_t")), Integer.parseInt(r.get("n_t")),
                    Integer.parseInt(r.get("event_c")), Integer.parseInt(r.get("n_c"))));
        }
        return out;
    }

    static List<ContinuousStudy> continuous(String dataset) throws IOException {
        List<ContinuousStudy> out = new ArrayList<>();
        for (Map<String, String> r : rows(dataset)) {
            out.add(new ContinuousStudy(r.get("study"), Double.parseDouble(r.get("mean_t")), Double.parseDouble(r.get("sd_t")),
                    Integer.parseInt(r.get("n_t")), Double.parseDouble(r.get("mean_c")), Double.parseDouble(r.get("sd_c")),
                    Integer.parseInt(r.get("n_c"))));
        }
        return out;
    }

    /** Relative 1e-6, absolute 1e-10 near zero; JSON null means the value must not exist (NaN). */
    static void close(SoftAssertions softly, String what, double actual, JsonNode expected) {
        if (expected == null || expected.isMissingNode()) {
            return;
        }
        if (expected.isNull()) {
            softly.assertThat(actual).as(what + " (metafor: NA)").isNaN();
            return;
        }
        double e = expected.asDouble();
        double tolerance = Math.max(NEAR_ZERO, Math.abs(e) * RELATIVE);
        softly.assertThat(actual).as(what).isCloseTo(e, within(tolerance));
    }

    static void tau2(SoftAssertions softly, String what, double actual, JsonNode expected) {
        softly.assertThat(actual).as(what).isCloseTo(expected.asDouble(), within(TAU2_ABSOLUTE));
    }

    /** Every field of an rma.uni / rma.mh summary that the engine reports. */
    static void assertFit(SoftAssertions softly, String what, MetaResult r, JsonNode e) {
        softly.assertThat(r.k()).as(what + " k").isEqualTo(e.get("k").asInt());
        close(softly, what + " estimate", r.estimate(), e.get("estimate"));
        close(softly, what + " se", r.se(), e.get("se"));
        close(softly, what + " ci_lb", r.ciLow(), e.get("ci_lb"));
        close(softly, what + " ci_ub", r.ciHigh(), e.get("ci_ub"));
        close(softly, what + " stat", r.stat(), e.get("stat"));
        close(softly, what + " pval", r.pValue(), e.get("pval"));
        tau2(softly, what + " tau2", r.tau2(), e.get("tau2"));
        close(softly, what + " I2", r.i2(), e.get("I2"));
        close(softly, what + " H2", r.h2(), e.get("H2"));
        close(softly, what + " I2_from_Q", r.i2FromQ(), e.get("I2_from_Q"));
        close(softly, what + " H2_from_Q", r.h2FromQ(), e.get("H2_from_Q"));
        close(softly, what + " Q", r.q(), e.get("Q"));
        softly.assertThat(r.qDf()).as(what + " Q_df").isEqualTo(e.get("Q_df").asInt());
        close(softly, what + " Q_pval", r.qPValue(), e.get("Q_pval"));
        close(softly, what + " pi_lb", r.piLow(), e.get("pi_lb"));
        close(softly, what + " pi_ub", r.piHigh(), e.get("pi_ub"));
        close(softly, what + " pi_t_km1_lb", r.piTLow(), e.get("pi_t_km1_lb"));
        close(softly, what + " pi_t_km1_ub", r.piTHigh(), e.get("pi_t_km1_ub"));
        close(softly, what + " pi_hts_t_km2_lb", r.piHtsLow(), e.get("pi_hts_t_km2_lb"));
        close(softly, what + " pi_hts_t_km2_ub", r.piHtsHigh(), e.get("pi_hts_t_km2_ub"));
        if (e.has("ratio")) {
            close(softly, what + " ratio", r.ratio(), e.get("ratio"));
            close(softly, what + " ratio_ci_lb", r.ratioCiLow(), e.get("ratio_ci_lb"));
            close(softly, what + " ratio_ci_ub", r.ratioCiHigh(), e.get("ratio_ci_ub"));
        }
        JsonNode weights = e.get("weights_pct");
        if (weights != null && !weights.isNull()) {
            List<Double> expectedWeights = new ArrayList<>();
            weights.forEach(w -> {
                if (!w.isNull()) {
                    expectedWeights.add(w.asDouble());
                }
            });
            softly.assertThat(r.weightsPercent()).as(what + " weights size").hasSize(expectedWeights.size());
            for (int i = 0; i < Math.min(expectedWeights.size(), r.weightsPercent().size()); i++) {
                softly.assertThat(r.weightsPercent().get(i)).as(what + " weight " + i)
                        .isCloseTo(expectedWeights.get(i), within(Math.abs(expectedWeights.get(i)) * RELATIVE));
            }
        }
    }

    static MetaOptions options(String key) {
        return switch (key) {
            case "IV_fixed" -> MetaOptions.of(Method.FE);
            case "MH_fixed" -> MetaOptions.of(Method.MH);
            case "DL" -> MetaOptions.of(Method.DL);
            case "REML" -> MetaOptions.of(Method.REML);
            case "PM" -> MetaOptions.of(Method.PM);
            case "DL_KNHA" -> MetaOptions.of(Method.DL).withHksj(true);
            case "REML_KNHA" -> MetaOptions.of(Method.REML).withHksj(true);
            default -> null;
        };
    }

    static void assertNear(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.max(NEAR_ZERO, Math.abs(expected) * RELATIVE)));
    }
}
