package org.evidencecds.web.page;
// TEMPORARY STUB (not committed): replaced by the forest branch
public record ForestPlotView(String id) {
}
