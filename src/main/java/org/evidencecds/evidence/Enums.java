package org.evidencecds.evidence;

/** Small closed vocabularies of the pack format (see evidence/FORMAT.md). Written in files in kebab-case. */
public final class Enums {

    private Enums() {
    }

    /** An enum as the pack files spell it: kebab-case ({@code SYSTEMATIC_REVIEW} is {@code systematic-review}). */
    public static String token(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (token(e).equals(text)) {
                return e;
            }
        }
        return null;
    }

    static <E extends Enum<E>> String allowed(Class<E> type) {
        StringBuilder sb = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(token(e));
        }
        return sb.toString();
    }
}
