package org.evidencecds;

import org.evidencecds.cli.Cli;
import org.evidencecds.web.WebApplication;

/**
 * One jar, two faces: with no arguments, only settings ({@code --server.port=8081}) or {@code serve ...} it
 * starts the web application; with a
 * command it runs the command line interface and exits with the command's exit code.
 *
 * <p>The CLI path never touches Spring, so commands start fast and the domain core stays usable as a
 * plain library.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // settings alone (--server.port=8081 --evidence.dir=...) also start the web application
        boolean settingsOnly = args.length > 0 && java.util.Arrays.stream(args).allMatch(Main::isSetting);
        if (settingsOnly) {
            WebApplication.start(args);
            return;
        }
        if (args.length == 0 || "serve".equals(args[0])) {
            String[] springArgs = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
            WebApplication.start(springArgs);
            return;
        }
        System.exit(Cli.run(args));
    }

    /** A Spring setting such as {@code --server.port=8081} or, with a list index, {@code --cds-hooks.clients[0].issuer=...}. */
    static boolean isSetting(String arg) {
        return arg.matches("--[a-z][\\w-]*\\.[\\w.\\[\\]-]*=.*");
    }
}
