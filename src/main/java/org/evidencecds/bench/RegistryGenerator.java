package org.evidencecds.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * Writes a synthetic registry CSV for the batch screening benchmark: an id column and every profile field,
 * values drawn from each field's typical range (fields.yaml) with 15 % missing, and one malformed row in a thousand
 * (text in a number, a missing field, an unterminated quote, an impossible value) so the error path is
 * exercised at scale. Seeded: the same arguments write the same file.
 */
public final class RegistryGenerator {

    private RegistryGenerator() {
    }

    public static void write(Path file, long rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<ProfileField> fields = ProfileSchema.FIELDS;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("id");
            fields.forEach(f -> header.append(',').append(f.name()));
            out.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder(128);
            for (long r = 1; r <= rows; r++) {
                line.setLength(0);
                line.append("P").append(r);
                java.util.Set<String> given = new java.util.HashSet<>();
                for (ProfileField f : fields) {
                    line.append(',');
                    if (random.nextDouble() < 0.15) {
                        continue;
                    }
                    // a field another implies takes that value (a registry row with an ulcer area has a current ulcer)
                    line.append(f.impliedBy().stream().anyMatch(given::contains) ? f.implied() : value(f, random));
                    given.add(f.name());
                }
                if (r % 1000 == 0) {
                    malform(line, (int) (r / 1000 % 4));
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    private static String value(ProfileField f, SplittableRandom random) {
        if (!f.isNumeric()) {
            return f.allowed().get(random.nextInt(f.allowed().size()));
        }
        double[] range = f.typicalMin() != null ? new double[] {f.typicalMin(), f.typicalMax()} : new double[] {f.min(), f.max()};
        double v = range[0] + random.nextDouble() * (range[1] - range[0]);
        return f.wholeNumber() ? Long.toString(Math.round(v)) : Double.toString(Math.round(v * 10) / 10.0);
    }

    private static void malform(StringBuilder line, int how) {
        switch (how) {
            case 0 -> line.append(",extra-field");
            case 1 -> line.replace(line.indexOf(",") + 1, line.indexOf(",") + 1, "about 5");
            case 2 -> line.append(",\"unterminated").setLength(line.length());
            default -> line.insert(line.indexOf(",") + 1, "-");
        }
    }
}
