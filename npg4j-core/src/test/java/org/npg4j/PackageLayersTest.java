package org.npg4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of npg4j-core form layers (docs: DESIGN "Packages"): a package may use the ones above it, never one
 * below, so there is no package cycle. Read from the sources: every {@code org.npg4j.X} named in a file of package
 * Y (imports and qualified names) is an edge Y → X.
 */
class PackageLayersTest {
    /** Top to bottom: each package may depend only on packages earlier in this list. */
    static final List<String> LAYERS = List.of("util", "math", "mdp", "exact", "env", "nn", "policy", "rollout",
            "algo", "io", "onnx", "train", "tensorboard");

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.npg4j\\.([a-z]+)\\.");

    @Test
    void everyPackageUsesOnlyTheLayersAboveIt() throws IOException {
        Path root = Path.of("src/main/java/org/npg4j");
        List<String> violations = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file).getName(0).toString();
                packages.add(pkg);
                int layer = LAYERS.indexOf(pkg);
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && LAYERS.indexOf(used) > layer) {
                        violations.add(pkg + " -> " + used + " in " + file.getFileName());
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(LAYERS), packages, "every package of npg4j-core has a layer");
        assertTrue(violations.isEmpty(), "dependencies against the layers: " + violations);
    }
}
