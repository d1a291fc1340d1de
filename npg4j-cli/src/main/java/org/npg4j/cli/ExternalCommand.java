package org.npg4j.cli;

import java.util.concurrent.Callable;

/**
 * A subcommand of {@code npg4j} that lives in a module built after this one, which npg4j-cli therefore cannot depend
 * on (npg4j-bench's {@code bench}). {@link Main} finds it at run time through {@link java.util.ServiceLoader}: an
 * implementation is a picocli {@code @Command} class with a public no-argument constructor, named in its jar's
 * {@code META-INF/services/org.npg4j.cli.ExternalCommand}. {@code bin/npg4j} puts such jars on the class path when
 * they are built; where one is not, {@link ExternalCommands} lists a stand-in that says how to build it.
 */
public interface ExternalCommand extends Callable<Integer> {
}
