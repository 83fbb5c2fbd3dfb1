package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Subcommands are set up only when named, and each is registered under the name its annotation gives it. */
class CommandsTest {

    @Test
    void eachCommandIsListedUnderItsOwnName() {
        for (Map.Entry<String, Supplier<Object>> e : Commands.byName().entrySet()) {
            assertThat(e.getValue().get().getClass().getAnnotation(CommandLine.Command.class).name()).isEqualTo(e.getKey());
        }
        assertThat(Cli.commandLine().getSubcommands().keySet()).containsAll(Commands.byName().keySet()).contains("help");
    }

    @Test
    void aNamedCommandIsSetUpAloneAndAnythingElseGetsThemAll() {
        assertThat(Cli.commandLine("evaluate").getSubcommands().keySet()).containsExactlyInAnyOrder("evaluate", "help");
        assertThat(Cli.commandLine("evaluate").getSubcommands().get("evaluate").getCommandSpec().findOption("--ulcer-area-cm2")).isNotNull();
        assertThat(Cli.commandLine("help").getSubcommands()).hasSize(Commands.byName().size() + 1);
        assertThat(Cli.commandLine("evalute").getSubcommands()).hasSize(Commands.byName().size() + 1);
        assertThat(Cli.commandLine((String) null).getSubcommands()).hasSize(Commands.byName().size() + 1);
    }

    @Test
    void anUnknownCommandStillGetsSuggestionsFromAllOfThem() {
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"evalute"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("evaluate");
    }
}
