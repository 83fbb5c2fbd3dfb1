package org.evidencecds.evidence;

import java.util.List;

/**
 * Levels of different dimensions that no treatment combines ({@code dimension/level}, e.g. autologous
 * cells and umbilical-cord cells, which come from donors), with the basis for saying so. The rule
 * compiler refuses a protocol that combines them.
 */
public record Incompatibility(List<String> levels, Evidenced basis, Origin origin) {

    public Incompatibility {
        levels = List.copyOf(levels);
    }
}
