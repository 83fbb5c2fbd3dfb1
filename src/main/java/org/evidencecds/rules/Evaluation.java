package org.evidencecds.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;

/**
 * The collector of one evaluation: rule consequences call these methods, and the facade turns what was
 * collected into the evidence report. Not thread-safe: one per evaluation.
 */
public final class Evaluation {

    /** A rule that fired, with the metadata it carries. */
    public record Fired(String rule, Map<String, Object> metadata) {
    }

    public record LevelMatch(String pack, String dimension, String level, String field, double value, String rule) {
    }

    public record DimensionStatus(String pack, String dimension, String field, String status, Double value, String rule) {
    }

    public record Caveat(String pack, String code, String text, String rule) {
    }

    public record Headline(String pack, String outcome, String findingId, String why, String rule) {
    }

    /** A protocol shown with the pack (one source's, with its credibility). */
    public record ProtocolShown(String pack, String protocolId, String rule) {
    }

    /** The pack's harms section was shown (what it holds is in the rule's metadata). */
    public record HarmsShown(String pack, String rule) {
    }

    private final List<Fired> fired = new ArrayList<>();
    private final List<LevelMatch> levels = new ArrayList<>();
    private final List<DimensionStatus> statuses = new ArrayList<>();
    private final List<Caveat> caveats = new ArrayList<>();
    private final List<Headline> headlines = new ArrayList<>();
    private final List<ProtocolShown> protocols = new ArrayList<>();
    private final List<HarmsShown> harms = new ArrayList<>();

    public void fired(Rule rule) {
        fired.add(new Fired(rule.getName(), rule.getMetaData()));
    }

    public void level(Rule rule, String pack, String dimension, String level, String field, double value) {
        fired(rule);
        levels.add(new LevelMatch(pack, dimension, level, field, value, rule.getName()));
    }

    public void status(Rule rule, String pack, String dimension, String field, String status, Double value) {
        fired(rule);
        statuses.add(new DimensionStatus(pack, dimension, field, status, value, rule.getName()));
    }

    public void caveat(Rule rule, String pack, String code, String text) {
        caveats.add(new Caveat(pack, code, text, rule.getName()));
    }

    public void headline(Rule rule, String pack, String outcome, String findingId, String why) {
        fired(rule);
        headlines.add(new Headline(pack, outcome, findingId, why, rule.getName()));
    }

    public void protocol(Rule rule, String pack, String protocolId) {
        fired(rule);
        protocols.add(new ProtocolShown(pack, protocolId, rule.getName()));
    }

    /**
     * The protocol element call of rules written before protocols came from one source (kept so that archived
     * knowledge versions still build for replay): recorded as fired, no longer shown as a protocol.
     */
    public void protocol(Rule rule, String pack, String dimension, String level, String findingId) {
        fired(rule);
    }

    public void harms(Rule rule, String pack) {
        fired(rule);
        harms.add(new HarmsShown(pack, rule.getName()));
    }

    public List<Fired> firedRules() {
        return Collections.unmodifiableList(fired);
    }

    public List<LevelMatch> levels() {
        return Collections.unmodifiableList(levels);
    }

    public List<DimensionStatus> statuses() {
        return Collections.unmodifiableList(statuses);
    }

    public List<Caveat> caveats() {
        return Collections.unmodifiableList(caveats);
    }

    public List<Headline> headlines() {
        return Collections.unmodifiableList(headlines);
    }

    public List<ProtocolShown> protocols() {
        return Collections.unmodifiableList(protocols);
    }

    public List<HarmsShown> harms() {
        return Collections.unmodifiableList(harms);
    }
}
