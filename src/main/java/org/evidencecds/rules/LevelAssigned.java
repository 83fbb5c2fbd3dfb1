package org.evidencecds.rules;

/** The patient falls in a level of a pack's dimension (inserted by the level rules). */
public final class LevelAssigned {

    private final String pack;
    private final String dimension;
    private final String level;

    public LevelAssigned(String pack, String dimension, String level) {
        this.pack = pack;
        this.dimension = dimension;
        this.level = level;
    }

    public String getPack() {
        return pack;
    }

    public String getDimension() {
        return dimension;
    }

    public String getLevel() {
        return level;
    }
}
