package org.evidencecds.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.evidencecds.meta.EffectSize;

/**
 * The fixed k = 32 data set of the benchmarks ({@code bench/k32.csv}: yi, vi of 32 synthetic studies),
 * the same file the R comparison reads, so both engines fit identical numbers.
 */
public final class BenchData {

    private BenchData() {
    }

    public static List<EffectSize> k32() {
        try (InputStream in = BenchData.class.getResourceAsStream("/bench/k32.csv")) {
            if (in == null) {
                throw new IllegalStateException("bench/k32.csv is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<EffectSize> out = new ArrayList<>();
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                String[] cells = line.split(",");
                out.add(new EffectSize(cells[0], Double.parseDouble(cells[1]), Double.parseDouble(cells[2])));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
