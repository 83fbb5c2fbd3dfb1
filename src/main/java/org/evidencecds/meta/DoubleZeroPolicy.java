package org.evidencecds.meta;

/**
 * What to do with a study that has no events (or only events) in both arms. metafor's escalc/rma keep it
 * (with 0.5 added to every cell); R meta and RevMan drop it.
 */
public enum DoubleZeroPolicy {
    KEEP, DROP
}
