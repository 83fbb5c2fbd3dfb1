package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help a person reads at the terminal: picocli lists each command with the first line of its
 * description, so that line is a complete short sentence; the longer explanation follows in whole
 * sentences, never cut mid-sentence by a hard line break; no "(s)".
 */
class HelpTextTest {

    static final String ROOT = "evidence-cds";

    /** Every command and subcommand by its path ("audit replay"), the root as "evidence-cds". */
    static Map<String, CommandLine> commands() {
        Map<String, CommandLine> out = new LinkedHashMap<>();
        collect(ROOT, Cli.commandLine(), out);
        return out;
    }

    private static void collect(String path, CommandLine cl, Map<String, CommandLine> out) {
        out.put(path, cl);
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().parent() == cl.getCommandSpec() || sub.getParent() == cl) {
                collect((path.equals(ROOT) ? "" : path + " ") + name, sub, out);
            }
        });
    }

    static List<String> commandPaths() {
        return commands().keySet().stream().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandPaths")
    void everyDescriptionLineIsWholeSentences(String path) {
        CommandSpec spec = commands().get(path).getCommandSpec();
        String[] description = spec.usageMessage().description();
        assertThat(description).as("%s has a description", path).isNotEmpty();
        for (int i = 0; i < description.length; i++) {
            // picocli shows each element as its own line: each must start and end a sentence
            String line = String.format(description[i].replace("%n", "\n")).strip();
            assertThat(line).as("%s, description line %d", path, i + 1)
                    .doesNotContain("(s)")
                    .doesNotContain("\n")
                    .matches("[A-Z'\"$(-].*")
                    .endsWith(".");
        }
        String first = description[0];
        // the command list shows this line alone: one short sentence
        assertThat(first).as("%s, first line", path).hasSizeLessThanOrEqualTo(78).doesNotContain(". ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandPaths")
    void optionDescriptionsAreNotCutMidSentence(String path) {
        CommandSpec spec = commands().get(path).getCommandSpec();
        for (OptionSpec o : spec.options()) {
            String[] d = o.description();
            for (int i = 0; i < d.length; i++) {
                assertThat(d[i]).as("%s %s", path, o.longestName()).doesNotContain("(s)");
                if (i > 0) {
                    // a continuation line starting in lower case is a sentence broken by a hard line break
                    assertThat(d[i]).as("%s %s, line %d", path, o.longestName(), i + 1).matches("[^a-z].*");
                }
            }
        }
    }

    @Test
    void theCommandListShowsEveryCommandWithAFullSentence() {
        CliRunner help = CliRunner.run("--help");
        assertThat(help.exitCode()).isZero();
        Map<String, String> listed = commandList(help.out());
        assertThat(listed).containsKeys("meta", "validate", "reconcile", "bench", "compile", "evaluate", "provenance", "export", "audit", "diff",
                "cds-token", "knowledge", "hash-password", "screen");
        listed.forEach((command, text) -> assertThat(text).as(command).endsWith(".").doesNotContain("(s)"));
        assertThat(listed.get("reconcile")).isEqualTo("Recompute every reported estimate of a pack from its study rows.");
        assertThat(listed.get("evaluate")).isEqualTo("Say what the evidence shows for one patient.");
        assertThat(listed.get("export")).isEqualTo("Write an evidence pack as a FHIR R5 Bundle.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandPaths")
    void everyHelpRunsAndItsSubcommandListIsWholeSentences(String path) {
        List<String> args = new ArrayList<>(path.equals(ROOT) ? List.of() : List.of(path.split(" ")));
        args.add("--help");
        CliRunner help = CliRunner.run(args.toArray(new String[0]));
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: evidence-cds").doesNotContain("(s)");
        commandList(help.out()).forEach((command, text) -> assertThat(text).as("%s %s", path, command).endsWith("."));
    }

    @Test
    void profileOptionsShowUnitsAsPeopleWriteThemAndNoneForAnIndex() {
        CliRunner help = CliRunner.run("evaluate", "--help");
        assertThat(help.out()).contains("Ulcer area in cm², 0 to 1000", "Ankle-brachial index, 0 to 3",
                "Wagner ulcer grade, a whole number from 0 to 5", "Diabetes type: type-1, type-2 or other", "HbA1c in %, 3 to 25")
                .doesNotContain("in index", "in grade", "in cm2,");
    }

    /** The "Commands:" section of a usage text: name -> its description, wrapped lines joined. */
    static Map<String, String> commandList(String usage) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean in = false;
        String current = null;
        for (String line : usage.split("\\R")) {
            if (line.equals("Commands:")) {
                in = true;
                continue;
            }
            if (!in) {
                continue;
            }
            if (line.matches("  [a-z][a-z-]*\\s+\\S.*")) {
                String[] parts = line.strip().split("\\s+", 2);
                current = parts[0];
                out.put(current, parts[1].strip());
            } else if (line.startsWith("    ") && current != null) {
                out.put(current, out.get(current) + " " + line.strip());
            } else {
                in = false;
            }
        }
        return out;
    }
}
