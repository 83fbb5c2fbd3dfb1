package org.evidencecds.audit;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.evidencecds.findings.AnswerView;

/**
 * Serialises an answer once, in the view the client asked for: the bytes are what is sent, and the audit
 * log keeps the digest of exactly those bytes (before, the answer was written twice: once for the digest,
 * once for the response). The full view writes every property, so its bytes equal what the same mapper
 * wrote before views existed; the compact view leaves out the parts marked {@link AnswerView.Full}. Parts that
 * many answers share are written once and their bytes reused ({@link SharedParts}): the bytes do not change.
 */
public final class AnswerWriter {

    /** The bytes of one answer as sent, in one view, with their digest ({@link AuditLog#digest(byte[])}). */
    public record Sent(byte[] body, String digest, AnswerView view) {
    }

    private final ObjectWriter full;
    private final ObjectWriter compact;

    /** At most this many bytes of parts shared between answers are kept written ({@link SharedParts}). */
    static final long SHARED_PARTS_BYTES = 32L * 1024 * 1024;

    public AnswerWriter(ObjectMapper json) {
        // copies: the shared mapper is left as it is; these write the parts answers share once ({@link SharedParts})
        ObjectMapper fullMapper = json.copy();
        fullMapper.registerModule(new SharedParts(fullMapper.getFactory(), SHARED_PARTS_BYTES / 2));
        this.full = fullMapper.writer();
        // properties without a view must stay in the compact view, whatever the shared mapper says
        ObjectMapper compactMapper = json.copy();
        compactMapper.configure(MapperFeature.DEFAULT_VIEW_INCLUSION, true);
        compactMapper.registerModule(new SharedParts(compactMapper.getFactory(), SHARED_PARTS_BYTES / 2));
        this.compact = compactMapper.writerWithView(AnswerView.Compact.class);
    }

    /**
     * The view in which {@code answer} serialises to the bytes whose digest is {@code digest}, if any: a replay
     * does not need to know which view the client asked for, since each view's bytes have their own digest.
     */
    public java.util.Optional<AnswerView> viewWithDigest(Object answer, String digest) {
        for (AnswerView view : AnswerView.values()) {
            if (write(answer, view).digest().equals(digest)) {
                return java.util.Optional.of(view);
            }
        }
        return java.util.Optional.empty();
    }

    public Sent write(Object answer, AnswerView view) {
        Buffer buffer = BUFFERS.get();
        try {
            (view == AnswerView.FULL ? full : compact).writeValue(buffer, answer);
            byte[] body = buffer.copy();
            return new Sent(body, AuditLog.digest(body), view);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serialise the answer", e);
        } finally {
            buffer.clear();
            if (buffer.capacity() > Buffer.KEPT_BYTES) {
                BUFFERS.remove();
            }
        }
    }

    /**
     * Each thread writes its answers into one buffer and sends an exact-size copy: Jackson's own builder grew
     * block by block for every answer (tens of KB) and then copied the blocks, the largest allocation of a
     * request under load (with the two changes that came with it, 143.8 to 113.5 KB per request).
     */
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    /** A growable byte buffer without locks (one thread uses it), reused from answer to answer. */
    private static final class Buffer extends java.io.OutputStream {

        /** A buffer grown past this (an unusually large answer) is not kept for the next one. */
        static final int KEPT_BYTES = 256 * 1024;

        private byte[] bytes = new byte[64 * 1024];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (more > bytes.length - size) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, Math.addExact(size, more)));
            }
        }

        byte[] copy() {
            return java.util.Arrays.copyOf(bytes, size);
        }

        void clear() {
            size = 0;
        }

        int capacity() {
            return bytes.length;
        }
    }
}
