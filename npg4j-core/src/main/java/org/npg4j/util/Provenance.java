package org.npg4j.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Where a file comes from: the npg4j and Java versions recorded in run directories and model files. */
public final class Provenance {
    private static final String VERSION = readVersion();

    private Provenance() {
    }

    /** The npg4j version (e.g. {@code 0.1.0-SNAPSHOT}), filtered into the core jar at build time. */
    public static String npg4jVersion() {
        return VERSION;
    }

    /** The running Java version ({@code java.version}). */
    public static String javaVersion() {
        return System.getProperty("java.version");
    }

    private static String readVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("npg4j-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
