package org.evidencecds.screening;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.PackValidationException;
import org.evidencecds.evidence.Problem;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * Screens a registry CSV against one trial, streaming: one row is read, screened and written at a time,
 * so memory does not grow with the file. Every input row gets exactly one output row; a row that cannot
 * be read or holds impossible values gets its reason in the {@code error} column and the run goes on.
 *
 * <p>Input: a header row of profile field names (as in the JSON API, e.g. {@code ulcerAreaCm2}) and,
 * optionally, an {@code id} column copied to the output unchanged. One record per line (RFC 4180 quoting,
 * no line breaks inside fields). Empty cells are missing inputs.
 */
public final class BatchScreener {

    /** How far the run is: rows done and bytes read of the input's size. */
    public interface Progress {
        void update(long rows, long bytesRead, long totalBytes, boolean done);
    }

    /** Per criterion: candidates it rules out, candidates it cannot decide, and those left after it and all before it. */
    public record Attrition(String criterion, String kind, long excludedByIt, long unknown, long remainingAfter) {
    }

    public record Summary(String trial, String rulesVersion, long rows, long eligible, long notEligible, long needsInformation,
                          long errors, List<Attrition> attrition, double seconds) {
        public double rowsPerSecond() {
            return seconds == 0 ? 0 : rows / seconds;
        }
    }

    private static final String ID_COLUMN = "id";

    private BatchScreener() {
    }

    public static Summary run(Screener screener, String trialId, Path input, Path output, Progress progress) throws IOException {
        return run(screener, trialId, input, output, progress, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Screens with {@code threads} workers: the calling thread reads chunks of lines, the workers screen
     * them, and the chunks are written in input order; at most a few chunks per worker are in flight, so
     * memory stays bounded whatever the file size.
     */
    public static Summary run(Screener screener, String trialId, Path input, Path output, Progress progress, int threads) throws IOException {
        Screener.Trial trial = screener.trial(trialId).orElseThrow(() -> new IllegalArgumentException("no trial protocol '" + trialId + "'"));
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        List<TrialProtocol.Criterion> criteria = trial.protocol().criteria();
        long total = Files.size(input);
        long started = System.nanoTime();
        Counts counts = new Counts(criteria.size());
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "screening-worker");
            t.setDaemon(true);
            return t;
        });
        try (CountingStream counted = new CountingStream(Files.newInputStream(input));
             BufferedReader in = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
             Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8), 1 << 16)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw refuse(input, 1, 1, "header", "the file is empty: a header row of profile field names is required");
            }
            List<String> header = Csv.parse(stripBom(headerLine));
            if (header == null) {
                throw refuse(input, 1, 1, "header", "unterminated quote in the header row");
            }
            int idColumn = header(input, header);
            List<String> outHeader = new ArrayList<>(List.of("line", ID_COLUMN, "verdict", "ruled_out_by", "collect"));
            criteria.forEach(c -> outHeader.add(c.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + c.id()));
            outHeader.add("error");
            Csv.write(out, outHeader);
            Chunker chunker = new Chunker(screener, trialId, criteria.size(), header, idColumn);
            java.util.ArrayDeque<java.util.concurrent.Future<Chunk>> inFlight = new java.util.ArrayDeque<>();
            int maxInFlight = 4 * threads;
            String line;
            long lineNo = 1;
            List<String> lines = new ArrayList<>(CHUNK_ROWS);
            long firstLine = 2;
            while (true) {
                line = in.readLine();
                if (line != null) {
                    lineNo++;
                    if (lines.isEmpty()) {
                        firstLine = lineNo;
                    }
                    lines.add(line);
                }
                if (lines.size() == CHUNK_ROWS || (line == null && !lines.isEmpty())) {
                    List<String> batch = lines;
                    long first = firstLine;
                    inFlight.add(workers.submit(() -> chunker.screen(batch, first)));
                    lines = new ArrayList<>(CHUNK_ROWS);
                }
                while (!inFlight.isEmpty() && (inFlight.size() >= maxInFlight || line == null)) {
                    Chunk done = await(inFlight.poll());
                    out.write(done.text().toString());
                    counts.add(done.counts());
                    if (progress != null) {
                        progress.update(counts.rows, counted.count, total, false);
                    }
                }
                if (line == null) {
                    break;
                }
            }
            out.flush();
            if (progress != null) {
                progress.update(counts.rows, counted.count, total, true);
            }
        } finally {
            workers.shutdownNow();
        }
        List<Attrition> attrition = new ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            attrition.add(new Attrition(criteria.get(i).id(), criteria.get(i).kind().name().toLowerCase(java.util.Locale.ROOT),
                    counts.excluded[i], counts.unknown[i], counts.remaining[i]));
        }
        return new Summary(trialId, trial.rulesVersion(), counts.rows, counts.eligible, counts.notEligible, counts.needs, counts.errors,
                attrition, (System.nanoTime() - started) / 1e9);
    }

    private static final int CHUNK_ROWS = 2048;

    private static Chunk await(java.util.concurrent.Future<Chunk> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while screening");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Running totals: verdicts, errors and, per criterion, candidates ruled out, undecided and left. */
    private static final class Counts {
        long rows;
        long eligible;
        long notEligible;
        long needs;
        long errors;
        final long[] excluded;
        final long[] unknown;
        final long[] remaining;

        Counts(int criteria) {
            excluded = new long[criteria];
            unknown = new long[criteria];
            remaining = new long[criteria];
        }

        void add(Counts o) {
            rows += o.rows;
            eligible += o.eligible;
            notEligible += o.notEligible;
            needs += o.needs;
            errors += o.errors;
            for (int i = 0; i < excluded.length; i++) {
                excluded[i] += o.excluded[i];
                unknown[i] += o.unknown[i];
                remaining[i] += o.remaining[i];
            }
        }
    }

    /** The result rows of one chunk, as CSV text, and its counts. */
    private record Chunk(StringBuilder text, Counts counts) {
    }

    /** Screens a chunk of input lines (runs on a worker; shares only the thread-safe Screener). */
    private record Chunker(Screener screener, String trialId, int criteria, List<String> header, int idColumn) {

        Chunk screen(List<String> lines, long firstLine) throws IOException {
            Counts counts = new Counts(criteria);
            java.io.StringWriter text = new java.io.StringWriter(lines.size() * 64);
            List<String> record = new ArrayList<>(criteria + 6);
            long lineNo = firstLine - 1;
            for (String line : lines) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                counts.rows++;
                record.clear();
                List<String> cells = Csv.parse(line);
                record.add(Long.toString(lineNo));
                String error = null;
                Screener.Decision r = null;
                if (cells == null) {
                    error = "unterminated quote";
                } else if (cells.size() != header.size()) {
                    error = "expected " + header.size() + " fields as in the header, found " + cells.size();
                } else {
                    Map<String, Object> values = new HashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        if (i != idColumn && !cells.get(i).isBlank()) {
                            values.put(header.get(i), cells.get(i));
                        }
                    }
                    try {
                        r = screener.decide(trialId, PatientProfile.of(values));
                    } catch (PatientProfile.InvalidProfileException e) {
                        error = e.getMessage();
                    }
                }
                record.add(cells != null && idColumn >= 0 && idColumn < cells.size() ? cells.get(idColumn) : "");
                if (r == null) {
                    counts.errors++;
                    record.add("error");
                    record.add("");
                    record.add("");
                    for (int i = 0; i < criteria; i++) {
                        record.add("");
                    }
                    record.add("line " + lineNo + ": " + error);
                } else {
                    switch (r.verdict()) {
                        case "eligible" -> counts.eligible++;
                        case "not-eligible" -> counts.notEligible++;
                        default -> counts.needs++;
                    }
                    boolean stillIn = true;
                    for (int i = 0; i < criteria; i++) {
                        Screener.CriterionDecision c = r.criteria().get(i);
                        if (c.excludes()) {
                            counts.excluded[i]++;
                            stillIn = false;
                        } else if (c.status().equals("unknown")) {
                            counts.unknown[i]++;
                        }
                        if (stillIn) {
                            counts.remaining[i]++;
                        }
                    }
                    record.add(r.verdict());
                    record.add(String.join(";", r.ruledOutBy()));
                    record.add(String.join(";", r.collect()));
                    r.criteria().forEach(c -> record.add(c.status()));
                    record.add("");
                }
                Csv.write(text, record);
            }
            return new Chunk(new StringBuilder(text.getBuffer()), counts);
        }
    }

    /** Validates the header; returns the index of the id column or -1. */
    private static int header(Path input, List<String> header) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        int idColumn = -1;
        int column = 1;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            header.set(i, name);
            if (seen.put(name, i) != null) {
                problems.add(new Problem(input.toString(), 1, column, name, "duplicate column"));
            } else if (name.equals(ID_COLUMN)) {
                idColumn = i;
            } else if (ProfileSchema.field(name).isEmpty()) {
                problems.add(new Problem(input.toString(), 1, column, name, "unknown column (known: id, "
                        + String.join(", ", ProfileSchema.FIELDS.stream().map(ProfileField::name).toList()) + ")"));
            }
            column += header.get(i).length() + 1;
        }
        if (!problems.isEmpty()) {
            throw new PackValidationException(problems);
        }
        return idColumn;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static PackValidationException refuse(Path file, int line, int column, String field, String reason) {
        return new PackValidationException(List.of(new Problem(file.toString(), line, column, field, reason)));
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** One-line RFC 4180 records. */
    static final class Csv {
        private Csv() {
        }

        /** The fields of one line, or null when a quoted field is not closed on the line. */
        static List<String> parse(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int i = 0;
            int n = line.length();
            while (true) {
                field.setLength(0);
                if (i < n && line.charAt(i) == '"') {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char ch = line.charAt(i++);
                        if (ch == '"') {
                            if (i < n && line.charAt(i) == '"') {
                                field.append('"');
                                i++;
                            } else {
                                closed = true;
                                break;
                            }
                        } else {
                            field.append(ch);
                        }
                    }
                    if (!closed) {
                        return null;
                    }
                    while (i < n && line.charAt(i) != ',') {
                        field.append(line.charAt(i++)); // text after a closing quote is kept, not dropped
                    }
                } else {
                    while (i < n && line.charAt(i) != ',') {
                        field.append(line.charAt(i++));
                    }
                }
                out.add(field.toString());
                if (i >= n) {
                    return out;
                }
                i++; // the comma
            }
        }

        static void write(Writer out, List<String> fields) throws IOException {
            out.write(org.evidencecds.evidence.CsvFile.line(fields));
        }
    }
}
