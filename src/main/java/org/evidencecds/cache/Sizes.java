package org.evidencecds.cache;

import java.util.Collection;
import java.util.Map;

/**
 * Rough heap sizes for the weighers, on a 64-bit JVM with compressed references: counted field by field, not
 * measured (no instrumentation agent, no reflective walk), so that weighing an entry costs microseconds.
 * Every string is counted as if the entry owned it, although many (rule names, citations) are shared with
 * the knowledge: the estimate errs on the heavy side, so the real heap held stays under the bound.
 */
public final class Sizes {

    /** An object header plus a few fields, rounded: a small record. */
    public static final int OBJECT = 16;
    /** One reference field or array slot. */
    public static final int REF = 4;
    /** A String object and its byte array's header; the characters come on top (one byte each, Latin-1). */
    public static final int STRING = 40;
    /** An immutable list or array-backed list with its array header. */
    public static final int LIST = 32;
    /** One entry of a TreeMap or HashMap (node with key, value and links). */
    public static final int MAP_ENTRY = 40;
    /** A boxed number or boolean. */
    public static final int BOXED = 16;

    private Sizes() {
    }

    /** A record (or plain object) of {@code fields} fields, without what those fields point to. */
    public static long object(int fields) {
        return OBJECT + (long) REF * fields;
    }

    public static long string(String s) {
        return s == null ? 0 : STRING + s.length();
    }

    public static long strings(String... all) {
        long n = 0;
        for (String s : all) {
            n += string(s);
        }
        return n;
    }

    /** A list of strings, the strings included. */
    public static long stringList(Collection<String> list) {
        long n = list(list);
        for (String s : list) {
            n += string(s);
        }
        return n;
    }

    /** A list's own size, without its elements. */
    public static long list(Collection<?> list) {
        return list == null ? 0 : LIST + (long) REF * list.size();
    }

    /** A map of short values (strings, numbers, lists of strings), keys and values included. */
    public static long map(Map<?, ?> map) {
        if (map == null) {
            return 0;
        }
        long n = OBJECT + REF;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            n += MAP_ENTRY + value(e.getKey()) + value(e.getValue());
        }
        return n;
    }

    /** A value of a profile or of rule metadata: a string, a boxed number, a list of such, or a nested map. */
    public static long value(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof Collection<?> c) {
            long n = list(c);
            for (Object o : c) {
                n += value(o);
            }
            return n;
        }
        if (v instanceof Map<?, ?> m) {
            return map(m);
        }
        if (v instanceof Enum<?>) {
            return 0; // shared constant
        }
        return BOXED;
    }
}
