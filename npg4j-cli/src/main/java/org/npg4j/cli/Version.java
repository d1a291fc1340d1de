package org.npg4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The npg4j version, from the properties file Maven filters at build time. */
public final class Version implements CommandLine.IVersionProvider {
    /** The npg4j version string, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} outside a build. */
    public static String npg4j() {
        try (InputStream in = Version.class.getResourceAsStream("/npg4j-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"npg4j " + npg4j() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
