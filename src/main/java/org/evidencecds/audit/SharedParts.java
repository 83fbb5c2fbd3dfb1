package org.evidencecds.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the parts that many answers share once per view, and copies their bytes into every answer after.
 * <p>
 * An answer served from the facade's cache is the cached report with the patient's own inputs put back
 * ({@code ReportBuilder.withInputs}): the protocols, outcome evidence, harms, caveats and fired rules are the
 * very same immutable objects in every answer built from it, and they are most of its bytes. Serialising them
 * afresh for each request was a quarter of the server's CPU under load. This module keeps, per such object
 * (by identity, held weakly) and per view, the bytes Jackson wrote for it, and writes those bytes as the
 * property's value. The answer's bytes are the same as without it (tested), so its digest is too.
 * <p>
 * Only properties named in {@code shared} are cached, only for writers that write compact JSON: a property
 * with an inclusion rule (non-null, non-empty) or an indenting writer goes through Jackson as usual.
 */
final class SharedParts extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** The parts shared by every answer built from one cached answer, by record and property name. */
    static final Map<Class<?>, Set<String>> SHARED = Map.of(
            org.evidencecds.facade.EvidenceReport.PackReport.class,
            Set.of("protocols", "outcomes", "harms", "caveats", "firedRules"));

    private final transient Cache<Object, Rendered> rendered;

    /**
     * @param factory  the factory of the mapper this module is registered with: parts are written with its
     *                 settings (escaping), as the rest of the answer is
     * @param maxBytes at most this many bytes of rendered parts are kept
     */
    SharedParts(JsonFactory factory, long maxBytes) {
        super("evidence-cds-shared-parts");
        // weak keys compare by identity: a part is reused only while it is the same object, and goes when it does
        this.rendered = Caffeine.newBuilder().weakKeys().maximumWeight(maxBytes)
                .weigher((Object part, Rendered r) -> r.bytes())
                .executor(Runnable::run).build();
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                    List<BeanPropertyWriter> properties) {
                Set<String> names = SHARED.get(bean.getBeanClass());
                if (names == null) {
                    return properties;
                }
                return properties.stream()
                        .map(p -> names.contains(p.getName()) ? (BeanPropertyWriter) new Writer(p, factory, rendered) : p)
                        .toList();
            }
        });
    }

    /** How many parts are kept now (for tests). */
    long keptParts() {
        rendered.cleanUp();
        return rendered.estimatedSize();
    }

    /** A part's bytes in each view it has been written in (views are few: compact and full). */
    private static final class Rendered {
        private volatile Map<Class<?>, RawJson> byView = Map.of();

        RawJson get(Class<?> view) {
            return byView.get(view == null ? Void.class : view);
        }

        synchronized void put(Class<?> view, RawJson json) {
            Map<Class<?>, RawJson> next = new java.util.HashMap<>(byView);
            next.put(view == null ? Void.class : view, json);
            byView = Map.copyOf(next);
        }

        int bytes() {
            int n = 64;
            for (RawJson j : byView.values()) {
                n += j.utf8.length + 16;
            }
            return n;
        }
    }

    private static final class Writer extends BeanPropertyWriter {
        private static final long serialVersionUID = 1L;
        private final transient JsonFactory factory;
        private final transient Cache<Object, Rendered> rendered;

        Writer(BeanPropertyWriter base, JsonFactory factory, Cache<Object, Rendered> rendered) {
            super(base);
            this.factory = factory;
            this.rendered = rendered;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            Object value = get(bean);
            if (value == null || _suppressNulls || _suppressableValue != null || prov.isEnabled(SerializationFeature.INDENT_OUTPUT)) {
                super.serializeAsField(bean, gen, prov);
                return;
            }
            Class<?> view = prov.getActiveView();
            Rendered r = rendered.getIfPresent(value);
            RawJson json = r == null ? null : r.get(view);
            if (json == null) {
                json = render(value, prov);
                Rendered kept = rendered.get(value, k -> new Rendered());
                kept.put(view, json);
                // re-put so that the weigher sees the new size
                rendered.put(value, kept);
            }
            gen.writeFieldName(_name);
            gen.writeRawValue(json);
        }

        private RawJson render(Object value, SerializerProvider prov) throws IOException {
            JsonSerializer<Object> serializer = _serializer != null ? _serializer : prov.findValueSerializer(value.getClass(), this);
            ByteArrayBuilder buffer = new ByteArrayBuilder();
            try (JsonGenerator part = factory.createGenerator(buffer, JsonEncoding.UTF8)) {
                prov.getConfig().initialize(part);
                serializer.serialize(value, part, prov);
            }
            return new RawJson(buffer.toByteArray());
        }
    }

    /** JSON already written, as UTF-8 bytes, copied as they are into the answer. */
    static final class RawJson implements SerializableString {
        private final byte[] utf8;

        RawJson(byte[] utf8) {
            this.utf8 = utf8;
        }

        @Override
        public String getValue() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            throw notAString();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        // raw JSON is a value, never the content of a quoted string: the quoting methods are refused
        @Override
        public byte[] asQuotedUTF8() {
            throw notAString();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw notAString();
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw notAString();
        }

        private static UnsupportedOperationException notAString() {
            return new UnsupportedOperationException("raw JSON is written as a value, never quoted");
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String s = getValue();
            if (offset + s.length() > buffer.length) {
                return -1;
            }
            s.getChars(0, s.length(), buffer, offset);
            return s.length();
        }

        @Override
        public int writeQuotedUTF8(java.io.OutputStream out) {
            throw notAString();
        }

        @Override
        public int writeUnquotedUTF8(java.io.OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw notAString();
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < utf8.length) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }
    }
}
