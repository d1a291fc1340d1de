package org.npg4j.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text of a resource shipped beside this package's classes (the suites' data files). */
final class ShippedText {
    private ShippedText() {
    }

    /** The UTF-8 text of {@code resource}, relative to this package; a missing one is an error of the build. */
    static String read(String resource) {
        try (InputStream in = ShippedText.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
