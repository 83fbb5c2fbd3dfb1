package org.evidencecds.synthesis;

/** A population slice: the whole review population (both null) or one level of one subgroup dimension. */
public record Slice(String dimension, String level) {

    public static final Slice OVERALL = new Slice(null, null);

    public boolean isOverall() {
        return dimension == null;
    }

    @Override
    public String toString() {
        return isOverall() ? "overall" : dimension + "/" + level;
    }
}
