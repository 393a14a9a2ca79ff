package org.paperboy.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** The command line run in-process, for tests outside this package; the map stands in for the environment. */
public final class Commands {

    public record Result(int exit, String out, String err) {
    }

    private Commands() {
    }

    public static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(exit, out.toString(), err.toString());
    }
}
