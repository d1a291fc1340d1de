package org.npg4j.bench.suite;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.npg4j.cli.Main;

/** Runs the real {@code npg4j} command in-process, with this module's subcommands, and captures what it prints. */
record Cli(int exitCode, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(code, out.toString(), err.toString());
    }
}
