package org.evidencecds;

import org.evidencecds.cli.Cli;
import org.evidencecds.web.WebApplication;

/**
 * One jar, two faces: with no arguments (or {@code serve ...}) it starts the web application; with a
 * command it runs the command line interface and exits with the command's exit code.
 *
 * <p>The CLI path never touches Spring, so commands start fast and the domain core stays usable as a
 * plain library.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || "serve".equals(args[0])) {
            String[] springArgs = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
            WebApplication.start(springArgs);
            return;
        }
        System.exit(Cli.run(args));
    }
}
