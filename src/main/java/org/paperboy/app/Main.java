package org.paperboy.app;

import java.io.PrintWriter;
import java.util.Map;

/** Starts the command line; everything else happens in the commands and {@link Paperboy#wire}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /** For tests: the given environment stands in for the process's. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return Cli.run(args, out, err, env);
    }
}
